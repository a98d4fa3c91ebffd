import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { captureInsight, createUndoManager, diffHunk, readInsights, rebaseEdit, removeInsight, setInsightText } from '../../../../../renderer/domain';
import type { testContext } from '../../../../support/context';
import { twoPeers } from '../../../../support/twoPeers';
import { makeRng, seedFromEnv } from '../../../../support/rng';

const pair = (): ReturnType<typeof twoPeers> => twoPeers();

function captured(doc: Y.Doc, ctx: ReturnType<typeof testContext>, text: string): string {
  const r = captureInsight(doc, ctx, { type: 'customer-quote', text, source: 'call' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const textOf = (doc: Y.Doc, id: string) => readInsights(doc).items.find((i) => i.id === id);

describe('editing an insight after capture', () => {
  it('anyone can correct the text; it is trimmed and records who edited it and when', () => {
    const { a, b, sync } = pair();
    const id = captured(a.doc, a.ctx, 'We need it by spring');
    sync();
    b.ctx.tick(5_000);
    expect(setInsightText(b.doc, b.ctx, id, '  We need it by March  ').ok).toBe(true);
    sync();
    expect(textOf(a.doc, id)).toMatchObject({ text: 'We need it by March', authorName: 'Ada', editedByName: 'Bo', editedBy: 'bo-id', editedAt: 1_800_000_005_000 });
  });

  it('refuses empty, too long and missing, and leaves the text as it was', () => {
    const { a } = pair();
    const id = captured(a.doc, a.ctx, 'Display too dim');
    expect(setInsightText(a.doc, a.ctx, id, '   ')).toMatchObject({ ok: false, error: { code: 'insight/empty' } });
    expect(setInsightText(a.doc, a.ctx, id, 'x'.repeat(20_001))).toMatchObject({ ok: false, error: { code: 'insight/too-long' } });
    expect(setInsightText(a.doc, a.ctx, 'gone', 'Hello')).toMatchObject({ ok: false, error: { code: 'insight/missing' } });
    expect(textOf(a.doc, id)).toMatchObject({ text: 'Display too dim', editedAt: 0 });
  });

  it('saving unchanged text is a no-op: no undo step, no edited mark', () => {
    const { a } = pair();
    const id = captured(a.doc, a.ctx, 'Display too dim');
    const undo = createUndoManager(a.doc);
    undo.clear();
    expect(setInsightText(a.doc, a.ctx, id, 'Display too dim ').ok).toBe(true);
    expect(undo.canUndo()).toBe(false);
    expect(textOf(a.doc, id)?.editedAt).toBe(0);
  });

  it('one save is one undo step, and redo brings the edit back', () => {
    const { a } = pair();
    const id = captured(a.doc, a.ctx, 'Display too dim');
    const undo = createUndoManager(a.doc);
    undo.clear();
    setInsightText(a.doc, a.ctx, id, 'Display too dim outdoors', { base: 'Display too dim' });
    undo.stopCapturing();
    expect(textOf(a.doc, id)?.text).toBe('Display too dim outdoors');
    undo.undo();
    expect(textOf(a.doc, id)).toMatchObject({ text: 'Display too dim', editedAt: 0 });
    undo.redo();
    expect(textOf(a.doc, id)?.text).toBe('Display too dim outdoors');
  });

  it('two laptops editing different words at the same time both keep their change', () => {
    const { a, b, sync } = pair();
    const id = captured(a.doc, a.ctx, 'The meter is too expensive for small sites');
    sync();
    // Offline at the same moment: Ada fixes the start, Bo the end.
    expect(setInsightText(a.doc, a.ctx, id, 'The Meter Pro is too expensive for small sites', { base: 'The meter is too expensive for small sites' }).ok).toBe(true);
    expect(setInsightText(b.doc, b.ctx, id, 'The meter is too expensive for small water utilities', { base: 'The meter is too expensive for small sites' }).ok).toBe(true);
    sync();
    expect(textOf(a.doc, id)?.text).toBe('The Meter Pro is too expensive for small water utilities');
    expect(textOf(b.doc, id)?.text).toBe(textOf(a.doc, id)?.text);
  });

  it('an edit started before a colleague’s change arrived keeps their change (stale base)', () => {
    const { a, b, sync } = pair();
    const base = 'Acme bundles software free';
    const id = captured(a.doc, a.ctx, base);
    sync();
    setInsightText(b.doc, b.ctx, id, 'Acme bundles software free with every meter');
    sync();
    // Ada opened the editor on the old text and changed only the first word.
    expect(setInsightText(a.doc, a.ctx, id, 'ACME bundles software free', { base }).ok).toBe(true);
    sync();
    expect(textOf(b.doc, id)?.text).toBe('ACME bundles software free with every meter');
  });

  it('overlapping changes on a stale base are refused, not silently overwritten', () => {
    const { a, b, sync } = pair();
    const base = 'Acme is cheaper';
    const id = captured(a.doc, a.ctx, base);
    sync();
    setInsightText(b.doc, b.ctx, id, 'Acme is 20% cheaper');
    sync();
    expect(setInsightText(a.doc, a.ctx, id, 'Acme is much cheaper', { base })).toMatchObject({ ok: false, error: { code: 'insight/edit-conflict' } });
    expect(textOf(a.doc, id)?.text).toBe('Acme is 20% cheaper');
    // The same correction made by both is simply already there.
    expect(setInsightText(a.doc, a.ctx, id, 'Acme is 20% cheaper', { base }).ok).toBe(true);
  });

  it('editing an insight a colleague removed meanwhile neither crashes nor brings it back', () => {
    const { a, b, sync } = pair();
    const id = captured(a.doc, a.ctx, 'Lead time too long');
    sync();
    removeInsight(b.doc, b.ctx, id);
    setInsightText(a.doc, a.ctx, id, 'Lead time of 12 weeks is too long');
    sync();
    expect(readInsights(a.doc).items).toEqual([]);
    expect(setInsightText(a.doc, a.ctx, id, 'again')).toMatchObject({ ok: false, error: { code: 'insight/missing' } });
  });
});

describe('rebaseEdit', () => {
  it('diffHunk finds the one changed range', () => {
    expect(diffHunk('abc', 'abc')).toBeNull();
    expect(diffHunk('spring', 'spring 2027')).toEqual({ start: 6, deleteCount: 0, insert: ' 2027' });
    expect(diffHunk('too dim', 'too bright')).toEqual({ start: 4, deleteCount: 3, insert: 'bright' });
  });

  it('random disjoint edits on a stale base always keep both sides (seeded)', () => {
    const seed = seedFromEnv();
    const rng = makeRng(seed);
    const words = ['meter', 'price', 'Acme', 'spring', 'sites', 'grid', 'water', 'lead', 'time', 'pilot'];
    for (let round = 0; round < 300; round += 1) {
      const base = Array.from({ length: 6 }, () => words[Math.floor(rng() * words.length)]).join(' ');
      const parts = base.split(' ');
      // Mine changes a word in the first half, theirs a word in the second half.
      const mineParts = [...parts];
      mineParts[Math.floor(rng() * 2)] = 'MINE';
      const theirParts = [...parts];
      theirParts[4 + Math.floor(rng() * 2)] = 'THEIRS';
      const mine = mineParts.join(' ');
      const current = theirParts.join(' ');
      const rebased = rebaseEdit(base, mine, current);
      const expected = [...mineParts.slice(0, 4), ...theirParts.slice(4)].join(' ');
      let result = current;
      if (rebased.kind === 'apply') {
        const h = rebased.hunk;
        result = current.slice(0, h.start) + h.insert + current.slice(h.start + h.deleteCount);
      }
      expect(rebased.kind === 'conflict' ? `conflict (seed ${seed}, round ${round})` : result, `seed ${seed}, round ${round}`).toBe(mine === base ? current : expected);
    }
  });
});
