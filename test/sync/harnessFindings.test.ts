import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSegment, captureInsight, createPlan, markHeardAgain, readInsights, readPlan, renameSegment, setBriefText, setVote } from '../../renderer/domain';
import { testContext } from '../support/context';

/**
 * Convergence bugs the harness (test/sync/harness) found in renderer/domain, each pinned by a
 * small deterministic test so it stays fixed even if a random run no longer hits it.
 */

/**
 * Seeds 1 and 10 (before the fix): Y.Map iterates its entries in the order they reached this
 * peer, so an insight's voters and "heard again" marks were listed in a different order on
 * different peers although the documents were equal.
 */
describe('read models list per-person entries in the same order on every peer', () => {
  it('voters and heard-again marks that arrive in different orders read the same', () => {
    const origin = new Y.Doc();
    const ada = testContext('Ada');
    const captured = captureInsight(origin, ada, { type: 'objection', source: 'call', text: 'Too expensive for small sites', date: '2027-01-05' });
    if (!captured.ok) throw new Error(captured.error.message);
    const base = Y.encodeStateAsUpdate(origin);

    // Three people vote and mark at the same moment, each on their own laptop.
    const updates = ['Bea', 'Cas', 'Dirk'].map((name) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, base);
      const ctx = testContext(name);
      const before = Y.encodeStateVector(doc);
      expect(setVote(doc, ctx, captured.value, true).ok).toBe(true);
      expect(markHeardAgain(doc, ctx, captured.value, `${name} heard it`).ok).toBe(true);
      return Y.encodeStateAsUpdate(doc, before);
    });

    const receive = (order: number[]): Y.Doc => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, base);
      for (const i of order) Y.applyUpdate(doc, updates[i] ?? new Uint8Array());
      return doc;
    };
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ];
    const views = orders.map((order) => readInsights(receive(order)).items[0]);
    for (const view of views) {
      expect(view?.voters).toHaveLength(3);
      expect(view?.heardAgain).toHaveLength(3);
      expect(view).toEqual(views[0]);
    }
  });
});

/** A peer that learns a document only from encoded updates, as every remote peer does. */
function remoteCopy(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/**
 * Seed 4018 (before the fix): a name edited at a UTF-16 position inside an emoji held a lone
 * surrogate. Yjs encodes strings as UTF-8, so every other peer got U+FFFD while the writer kept
 * the half: the read models differed. And replacing one emoji by another in a text field made
 * the minimal diff start inside the pair, which Yjs turns into two U+FFFD: a valid edit lost
 * the emoji.
 */
describe('text with emoji reads the same on every peer and survives edits', () => {
  it('a lone surrogate in a plain field reads as U+FFFD everywhere, including on the writer', () => {
    const doc = new Y.Doc();
    const ctx = testContext('Ada');
    createPlan(doc, ctx, { planId: 'p', kind: 'launch', title: 'Emoji', label: (k) => k });
    const added = addSegment(doc, ctx, '🚀 segment');
    if (!added.ok) throw new Error(added.error.message);
    // Typing "x" between the two halves of the rocket.
    expect(renameSegment(doc, ctx, added.value, '\uD83Dx\uDE80 segment').ok).toBe(true);
    const mine = readPlan(doc).segments[0]?.name;
    expect(mine).toBe('\uFFFDx\uFFFD segment');
    expect(readPlan(remoteCopy(doc)).segments[0]?.name).toBe(mine);
  });

  it('replacing or removing an emoji next to another keeps both emoji intact on every peer', () => {
    const doc = new Y.Doc();
    const ctx = testContext('Ada');
    createPlan(doc, ctx, { planId: 'p', kind: 'launch', title: 'Emoji', label: (k) => k });
    for (const [before, after] of [
      ['launch 🚀 now', 'launch 🚁 now'],
      ['🚀🚁', '🚁'],
      ['🚀🚁', '🚀'],
      ['a🚀🚀b', 'a🚀b'],
      ['x🚀', 'x🚁🚀'],
    ] as const) {
      expect(setBriefText(doc, ctx, 'pain', before).ok).toBe(true);
      expect(setBriefText(doc, ctx, 'pain', after).ok).toBe(true);
      expect(readPlan(doc).brief.pain).toBe(after);
      expect(readPlan(remoteCopy(doc)).brief.pain).toBe(after);
    }
  });
});
