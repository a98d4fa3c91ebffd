import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  answerReview,
  confirmAnswer,
  markAnswerProcessed,
  PRICE_PERCEPTIONS,
  readReviews,
  setReviewQuorum,
  VERDICTS,
  type PricePerception,
  type ReviewRequestView,
  type Verdict,
} from '../../domain';
import { formatDay, formatRelative } from '../../i18n';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { useAppStore } from '../../state/store';
import { AutoTextArea, Badge, Button, CommitInput, EmptyState, Field } from '../../ui';
import { useDocRead, useLanguage } from '../offers/useWorkflow';
import { RequestReviewDialog } from './RequestReviewDialog';

const OUTCOME_TONE = { open: 'blue', 'changes-requested': 'amber', approved: 'green' } as const;

export function ReviewsSection() {
  const { t } = useTranslation();
  const reviews = useDocRead(readReviews);
  const plan = usePlanView();
  const run = useRunCommand();
  const [briefOpen, setBriefOpen] = useState(false);
  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('reviews.heading')}</h2>
        <p className="section__intro">{t('reviews.intro')}</p>
      </header>
      <div className="wf-row card">
        <Field label={t('reviews.quorum')} className="wf-narrow">
          {({ id }) => (
            <CommitInput id={id} inputMode="numeric" value={String(reviews.quorum)} onCommit={(v) => run((doc, ctx) => setReviewQuorum(doc, ctx, Number(v))).ok} data-testid="review-quorum" />
          )}
        </Field>
        <span className="wf-grow" />
        <Button onClick={() => setBriefOpen(true)}>{t('reviews.reviewBrief')}</Button>
      </div>
      {reviews.requests.length === 0 ? <EmptyState icon="check" title={t('reviews.emptyTitle')} body={t('reviews.emptyBody')} /> : null}
      {reviews.requests.map((request) => (
        <RequestCard key={request.id} request={request} />
      ))}
      <RequestReviewDialog open={briefOpen} onClose={() => setBriefOpen(false)} target={{ kind: 'brief', name: plan.brief.title }} />
    </div>
  );
}

function RequestCard({ request }: { request: ReviewRequestView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const run = useRunCommand();
  const session = usePlanSession();
  const me = session.ctx.actor.id;
  const mine = request.result.reviewers.find((r) => r.reviewer.id === me);
  const today = new Date().toISOString().slice(0, 10);
  const canAnswer = mine && request.current && !request.target.missing;
  return (
    <article className="card wf-request" data-testid="review-request" data-outcome={request.result.outcome}>
      <header className="wf-request__head">
        <Badge>{t(`reviews.target.${request.target.kind}`)}</Badge>
        <h3 className="wf-h3">{request.target.name}</h3>
        <Badge tone={OUTCOME_TONE[request.result.outcome]}>{t(`reviews.outcome.${request.result.outcome}`)}</Badge>
        {!request.current ? <span className="wf-muted">{t('reviews.earlierRound')}</span> : null}
      </header>
      {request.target.missing ? <p className="field__error" data-testid="review-target-removed">{t('reviews.targetRemoved')}</p> : null}
      <p className="wf-muted">
        {t('reviews.requestedBy', { name: request.requestedByName, when: formatRelative(request.requestedAt, lang) })}
        {request.dueDate ? ` · ${t(request.dueDate < today && request.result.outcome === 'open' ? 'reviews.overdue' : 'reviews.due', { date: formatDay(request.dueDate, lang) })}` : ''}
      </p>
      {request.note ? <p>{request.note}</p> : null}
      <ul className="wf-answers">
        {request.result.reviewers.map((state) => (
          <li key={state.reviewer.id} className="wf-answer" data-testid="review-answer">
            <strong>{state.reviewer.name}</strong>{' '}
            {state.answer ? (
              <>
                <Badge tone={state.answer.verdict === 'request-changes' ? 'amber' : 'green'}>{t(`reviews.verdict.${state.answer.verdict}`)}</Badge>{' '}
                {state.answer.sellability ? t('reviews.sellabilityValue', { score: state.answer.sellability }) : null}
                {state.answer.pricePerception ? ` · ${t('reviews.pricePerception')}: ${t(`reviews.price.${state.answer.pricePerception}`)}` : null}
                <span className="wf-muted"> · {formatRelative(state.answer.answeredAt, lang)}</span>
                {state.answer.confirmedByName ? <span className="wf-muted"> · {t('reviews.confirmedBy', { name: state.answer.confirmedByName })}</span> : null}
                <AnswerDetails answer={state.answer} />
                {request.requestedBy === me && state.answer.processedAt === 0 && state.answer.reviewerId !== me ? (
                  <Button size="sm" variant="ghost" onClick={() => run((doc, ctx) => markAnswerProcessed(doc, ctx, state.answer?.id ?? ''))}>
                    {t('reviews.processed')}
                  </Button>
                ) : null}
                {state.answer.processedAt > 0 ? <span className="wf-muted">{t('reviews.processedBy', { name: state.answer.processedByName })}</span> : null}
              </>
            ) : (
              <span className="wf-muted">{t('reviews.pending')}</span>
            )}
            {state.openAnswers.length > 1 ? (
              <div className="wf-conflict" role="alert">
                {t('reviews.conflict', { name: state.reviewer.name })}
                {state.openAnswers.map((a) => (
                  <Button key={a.id} size="sm" onClick={() => run((doc, ctx) => confirmAnswer(doc, ctx, request.id, state.reviewer.id, a.id))}>
                    {t('reviews.keep', { verdict: t(`reviews.verdict.${a.verdict}`) })}
                  </Button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {canAnswer ? <AnswerToggle requestId={request.id} answered={mine.answer !== null} /> : null}
    </article>
  );
}

function AnswerDetails({ answer }: { answer: { objections: string; missingArguments: string; deals: string; freeText: string } }) {
  const { t } = useTranslation();
  const rows = (['objections', 'missingArguments', 'deals', 'freeText'] as const).filter((k) => answer[k] !== '');
  if (rows.length === 0) return null;
  return (
    <dl className="wf-details">
      {rows.map((k) => (
        <div key={k}>
          <dt>{t(`reviews.${k}`)}</dt>
          <dd>{answer[k]}</dd>
        </div>
      ))}
    </dl>
  );
}

function Choice<T extends string>({ legend, name, values, value, label, onValue, testId }: { legend: string; name: string; values: readonly T[]; value: T | null; label: (v: T) => string; onValue: (v: T) => void; testId: string }) {
  return (
    <fieldset className="wf-fieldset">
      <legend className="field__label">{legend}</legend>
      <div className="segmented">
        {values.map((v) => (
          <label key={v} className={v === value ? 'segmented__option segmented__option--on' : 'segmented__option'}>
            <input type="radio" name={name} value={v} checked={v === value} onChange={() => onValue(v)} className="visually-hidden" data-testid={`${testId}-${v}`} />
            {label(v)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** After answering, the form folds away behind "change your review" so the answers stay readable. */
function AnswerToggle({ requestId, answered }: { requestId: string; answered: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (answered && !editing) {
    return (
      <Button size="sm" onClick={() => setEditing(true)} data-testid="answer-change">
        {t('reviews.change')}
      </Button>
    );
  }
  return <AnswerForm requestId={requestId} onDone={() => setEditing(false)} />;
}

/** The two-minute review: verdict, score, price, then optional details. */
function AnswerForm({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const run = useRunCommand();
  const showToast = useAppStore((s) => s.showToast);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [score, setScore] = useState<string | null>(null);
  const [price, setPrice] = useState<PricePerception | null>(null);
  const [texts, setTexts] = useState({ objections: '', missingArguments: '', deals: '', freeText: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const result = run((doc, ctx) => answerReview(doc, ctx, requestId, { verdict: verdict ?? ('' as Verdict), sellability: Number(score ?? 0), pricePerception: price, ...texts }));
    if (result.ok) {
      setError(null);
      showToast({ tone: 'success', message: t('reviews.answered') });
      onDone();
    } else setError(result.error.message);
  };
  return (
    <form className="wf-answer-form" onSubmit={submit} data-testid="answer-form">
      <Choice legend={t('reviews.answer')} name={`verdict-${requestId}`} values={VERDICTS} value={verdict} label={(v) => t(`reviews.verdict.${v}`)} onValue={setVerdict} testId="verdict" />
      <Choice legend={t('reviews.sellability')} name={`score-${requestId}`} values={['1', '2', '3', '4', '5'] as const} value={score as '1' | null} label={(v) => v} onValue={setScore} testId="score" />
      <Choice legend={t('reviews.pricePerception')} name={`price-${requestId}`} values={PRICE_PERCEPTIONS} value={price} label={(v) => t(`reviews.price.${v}`)} onValue={setPrice} testId="price" />
      {(['objections', 'missingArguments', 'deals', 'freeText'] as const).map((k) => (
        <Field key={k} label={t(`reviews.${k}`)}>
          {({ id }) => <AutoTextArea id={id} value={texts[k]} onValue={(v) => setTexts({ ...texts, [k]: v })} data-testid={`answer-${k}`} />}
        </Field>
      ))}
      {error ? <p className="field__error" role="alert">{error}</p> : null}
      <Button type="submit" variant="primary" data-testid="answer-submit">
        {t('reviews.submit')}
      </Button>
    </form>
  );
}
