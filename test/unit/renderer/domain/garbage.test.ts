import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPlan, readPlan, ROOTS } from '../../../../renderer/domain';
import { makeRng, seedFromEnv } from '../../../support/rng';
import { label, testContext } from '../../../support/context';

/** Values a buggy or hostile peer might put anywhere in the document. */
function garbage(rng: () => number, depth = 0): unknown {
  const pick = Math.floor(rng() * 14);
  switch (pick) {
    case 0: return null;
    case 1: return -Infinity;
    case 2: return Number.NaN;
    case 3: return 'x'.repeat(Math.floor(rng() * 50_000));
    case 4: return { __proto__: { evil: true }, title: 42 };
    case 5: return [1, 'two', { three: 3 }];
    case 6: return true;
    case 7: return new Uint8Array([1, 2, 3]);
    case 8: return depth < 2 ? (() => { const m = new Y.Map<unknown>(); m.set('order', garbage(rng, depth + 1)); m.set('name', garbage(rng, depth + 1)); m.set('date', '2026-99-99'); return m; })() : 'deep';
    case 9: return new Y.Text('text where a map belongs');
    case 10: return new Y.Array<unknown>();
    case 11: return '2026-02-30';
    case 12: return -1e308;
    default: return 'rollout';
  }
}

describe('read models survive whatever peers write', () => {
  const seed = seedFromEnv();
  it(`normalises or skips garbage in every root (seed ${seed})`, () => {
    const rng = makeRng(seed);
    for (let round = 0; round < 40; round += 1) {
      const doc = new Y.Doc();
      createPlan(doc, testContext(), { planId: 'p', kind: 'launch', title: 'Valid plan', label });
      for (let i = 0; i < 30; i += 1) {
        const rootName = Object.values(ROOTS)[Math.floor(rng() * Object.values(ROOTS).length)] ?? ROOTS.brief;
        if (rootName === ROOTS.narrative) continue;
        if (rootName === ROOTS.activity) {
          doc.getArray(rootName).push([garbage(rng)]);
          continue;
        }
        const root = doc.getMap<unknown>(rootName);
        const keys = [...root.keys()];
        const key = rng() < 0.5 && keys.length > 0 ? (keys[Math.floor(rng() * keys.length)] ?? 'k') : ['title', 'stage', 'order', 'x', 'targetDate', 'rolloutOverride', 'schemaVersion'][Math.floor(rng() * 7)] ?? 'k';
        const existing = root.get(key);
        if (existing instanceof Y.Map && rng() < 0.7) existing.set(['name', 'order', 'date', 'priority', 'title', 'done'][Math.floor(rng() * 6)] ?? 'name', garbage(rng));
        else root.set(key, garbage(rng));
      }
      let view: ReturnType<typeof readPlan> | undefined;
      expect(() => (view = readPlan(doc)), `seed ${seed}, round ${round}`).not.toThrow();
      if (!view) throw new Error('no view');
      expect(typeof view.brief.title).toBe('string');
      expect(view.brief.title.length).toBeLessThanOrEqual(200);
      for (const s of view.segments) expect(Number.isFinite(s.order)).toBe(true);
      for (const m of view.milestones) expect(m.date === null || /^\d{4}-\d{2}-\d{2}$/.test(m.date)).toBe(true);
      expect(() => JSON.stringify(view)).not.toThrow();
    }
  });

  it('reports entries it had to skip and a document from a newer version', () => {
    const doc = new Y.Doc();
    createPlan(doc, testContext(), { planId: 'p', kind: 'launch', title: 'Plan', label });
    doc.getMap('segments').set('bad', 'not a segment');
    doc.getMap('milestones').set('worse', 12);
    doc.getMap('meta').set('schemaVersion', 99);
    const view = readPlan(doc);
    expect(view.issues).toContainEqual({ code: 'read.skipped-entries', count: 2 });
    expect(view.issues).toContainEqual({ code: 'read.newer-schema' });
    expect(view.milestones.length).toBe(4);
  });
});
