import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { knownPeople, readThreads, replyToThread, setThreadResolved, startThread, type CommentTargetKind, type CommentThread } from '../../domain';
import { formatRelative } from '../../i18n';
import { useRunCommand } from '../../app/usePlan';
import { Button, Select } from '../../ui';
import { useDocRead, useLanguage } from '../offers/useWorkflow';

const readAllThreads = (doc: Y.Doc) => readThreads(doc).items;

/** Threads on one item, each about one of its fields, with @mentions, replies and resolve. */
export function CommentThreads({ target, fields }: { target: { kind: CommentTargetKind; id: string }; fields: string[] }) {
  const { t } = useTranslation();
  const run = useRunCommand();
  const people = useDocRead(knownPeople);
  const all = useDocRead(readAllThreads);
  const threads = all.filter((th) => th.root.targetKind === target.kind && th.root.targetId === target.id);
  const [field, setField] = useState('');
  const [body, setBody] = useState('');
  const fieldLabel = (f: string): string => (f === '' ? t('comments.whole') : t(`offers.${f}`, { defaultValue: f }));
  const post = (e: FormEvent): void => {
    e.preventDefault();
    if (run((doc, ctx) => startThread(doc, ctx, { ...target, field }, body, people)).ok) setBody('');
  };
  return (
    <section className="wf-comments" data-testid="comments">
      <h3 className="wf-h3">{t('comments.heading')}</h3>
      {threads.length === 0 ? <p className="wf-muted">{t('comments.none')}</p> : null}
      {threads.map((thread) => (
        <Thread key={thread.id} thread={thread} label={fieldLabel(thread.root.field)} people={people} />
      ))}
      <form className="wf-comment-form" onSubmit={post}>
        <Select aria-label={t('comments.field')} value={field} options={['', ...fields].map((f) => ({ value: f, label: fieldLabel(f) }))} onValue={setField} />
        <input className="input wf-grow" aria-label={t('comments.placeholder')} placeholder={t('comments.placeholder')} value={body} onChange={(e) => setBody(e.currentTarget.value)} data-testid="comment-body" />
        <Button type="submit" data-testid="comment-post">
          {t('comments.post')}
        </Button>
      </form>
    </section>
  );
}

function Thread({ thread, label, people }: { thread: CommentThread; label: string; people: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const run = useRunCommand();
  const [reply, setReply] = useState('');
  const send = (e: FormEvent): void => {
    e.preventDefault();
    if (run((doc, ctx) => replyToThread(doc, ctx, thread.id, reply, people)).ok) setReply('');
  };
  return (
    <article className={thread.resolved ? 'wf-thread wf-thread--resolved' : 'wf-thread'} data-testid="comment-thread">
      <header className="wf-thread__head">
        <span className="wf-chip">{label}</span>
        {thread.resolved ? <span className="wf-muted">{t('comments.resolved', { name: thread.root.resolvedByName })}</span> : null}
        <span className="wf-grow" />
        <Button size="sm" variant="ghost" onClick={() => run((doc, ctx) => setThreadResolved(doc, ctx, thread.id, !thread.resolved))}>
          {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
        </Button>
      </header>
      {[thread.root, ...thread.replies].map((c) => (
        <p key={c.id} className="wf-comment">
          <strong>{c.byName}</strong> <span className="wf-muted">{formatRelative(c.at, lang)}</span>
          <br />
          {c.body}
        </p>
      ))}
      {!thread.resolved ? (
        <form className="wf-inline-add" onSubmit={send}>
          <input className="input" aria-label={t('comments.replyPlaceholder')} placeholder={t('comments.replyPlaceholder')} value={reply} onChange={(e) => setReply(e.currentTarget.value)} />
          <Button type="submit" size="sm">
            {t('comments.reply')}
          </Button>
        </form>
      ) : null}
    </article>
  );
}
