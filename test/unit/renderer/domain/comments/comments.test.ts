import { describe, expect, it } from 'vitest';
import { editComment, findMentions, mentionsOf, openThreadCounts, readThreads, replyToThread, setThreadResolved, startThread } from '../../../../../renderer/domain';
import { must, newPlan, team } from '../offers/helpers';

const people = [
  { id: 'anna', name: 'Anna' },
  { id: 'anna-berg', name: 'Anna Berg' },
  { id: 'sam-id', name: 'Sam' },
];

describe('comment threads', () => {
  it('finds @mentions by profile name, longest name first, case-insensitive', () => {
    expect(findMentions('@anna berg can you check with @Sam?', people)).toEqual([
      { id: 'anna-berg', name: 'Anna Berg' },
      { id: 'sam-id', name: 'Sam' },
    ]);
    expect(findMentions('@Anna, and @Samantha is not Sam', people)).toEqual([{ id: 'anna', name: 'Anna' }]);
    expect(findMentions('mail sam@example.com', people)).toEqual([]);
  });

  it('threads on an offer field with replies, resolve and reopen', () => {
    const { mia, sam, sync } = team();
    const t = must(startThread(mia.doc, mia.ctx, { kind: 'offer', id: 'o1', field: 'bundlePrice' }, 'Is this too high, @Sam?', people));
    must(startThread(mia.doc, mia.ctx, { kind: 'offer', id: 'o1', field: 'name' }, 'Better name?'));
    sync();
    must(replyToThread(sam.doc, sam.ctx, t, 'Yes, by about 10%'));
    sync();
    let threads = readThreads(mia.doc, { kind: 'offer', id: 'o1', field: 'bundlePrice' }).items;
    expect(threads).toHaveLength(1);
    expect(threads[0]?.root).toMatchObject({ body: 'Is this too high, @Sam?', byName: 'Mia', mentions: [{ id: 'sam-id', name: 'Sam' }] });
    expect(threads[0]?.replies.map((r) => [r.byName, r.body])).toEqual([['Sam', 'Yes, by about 10%']]);
    expect(openThreadCounts(readThreads(mia.doc, { kind: 'offer', id: 'o1' }).items)).toEqual({ bundlePrice: 1, name: 1 });
    must(setThreadResolved(mia.doc, mia.ctx, t, true));
    threads = readThreads(mia.doc, { kind: 'offer', id: 'o1', field: 'bundlePrice' }).items;
    expect(threads[0]).toMatchObject({ resolved: true, root: { resolvedByName: 'Mia' } });
    // A reply reopens a resolved thread; so does an explicit reopen.
    sync();
    must(replyToThread(sam.doc, sam.ctx, t, 'Wait, one more thing'));
    expect(readThreads(sam.doc).items.find((x) => x.id === t)?.resolved).toBe(false);
    must(setThreadResolved(sam.doc, sam.ctx, t, true));
    must(setThreadResolved(sam.doc, sam.ctx, t, false));
    expect(readThreads(sam.doc).items.find((x) => x.id === t)?.resolved).toBe(false);
    expect(mentionsOf(readThreads(sam.doc).items, 'sam-id').map((m) => m.comment.body)).toEqual(['Is this too high, @Sam?']);
  });

  it('validates comments and lets only authors edit', () => {
    const { doc, ctx } = newPlan();
    expect(startThread(doc, ctx, { kind: 'offer', id: 'o' }, '   ')).toMatchObject({ ok: false, error: { code: 'comment/empty' } });
    expect(startThread(doc, ctx, { kind: 'offer', id: 'o' }, 'x'.repeat(5001))).toMatchObject({ ok: false, error: { code: 'comment/too-long' } });
    expect(startThread(doc, ctx, { kind: 'planet' as never, id: 'o' }, 'x')).toMatchObject({ ok: false, error: { code: 'comment/bad-target' } });
    expect(replyToThread(doc, ctx, 'nope', 'x')).toMatchObject({ ok: false, error: { code: 'comment/missing' } });
    const t = must(startThread(doc, ctx, { kind: 'brief', id: '' }, 'First'));
    must(editComment(doc, ctx, t, 'First, @Anna', people));
    expect(readThreads(doc).items[0]?.root).toMatchObject({ body: 'First, @Anna', mentions: [{ id: 'anna' }] });
    const other = { ...ctx, actor: { id: 'someone', name: 'Someone' } };
    expect(editComment(doc, other, t, 'hijack')).toMatchObject({ ok: false, error: { code: 'comment/not-yours' } });
  });
});
