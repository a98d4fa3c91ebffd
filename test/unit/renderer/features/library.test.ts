import { describe, expect, it } from 'vitest';
import { visibleRows } from '../../../../renderer/features/library/visibleRows';
import { neighbourOrders } from '../../../../renderer/features/segments/reorder';
import type { LibraryEntry, PlanEntry } from '../../../../renderer/storage';

const plan = (id: string, over: Partial<PlanEntry> = {}): PlanEntry => ({
  id,
  title: id,
  kind: 'launch',
  stage: 'draft',
  updatedAt: 0,
  createdAt: 0,
  pinned: 0,
  archived: 0,
  deletedAt: null,
  ...over,
});
const corrupt: LibraryEntry = { corrupt: true, id: 'x', title: 'Unreadable plan', reason: 'damaged', raw: 42 };
const opts = { search: '', sort: 'updated' as const, locale: 'en-GB', label: (e: PlanEntry) => `${e.kind} ${e.stage}` };

describe('library list', () => {
  it('puts pinned plans first, then the chosen order, corrupt rows last', () => {
    const rows = [corrupt, plan('b', { updatedAt: 2 }), plan('a', { updatedAt: 1, pinned: 1 }), plan('c', { updatedAt: 3 })];
    expect(visibleRows(rows, opts).map((r) => r.id)).toEqual(['a', 'c', 'b', 'x']);
    expect(visibleRows(rows, { ...opts, sort: 'title' }).map((r) => r.id)).toEqual(['a', 'b', 'c', 'x']);
  });

  it('sorts by stage in pipeline order', () => {
    const rows = [plan('r', { stage: 'rollout' }), plan('d', { stage: 'draft' }), plan('p', { stage: 'pilot' }), plan('?', { stage: 'weird' })];
    expect(visibleRows(rows, { ...opts, sort: 'stage' }).map((r) => r.id)).toEqual(['d', 'p', 'r', '?']);
  });

  it('searches titles and translated labels, case-insensitively', () => {
    const rows = [plan('Sensor kit'), plan('Webinars', { kind: 'campaign' })];
    expect(visibleRows(rows, { ...opts, search: 'SENSOR' }).map((r) => r.id)).toEqual(['Sensor kit']);
    expect(visibleRows(rows, { ...opts, search: 'campaign' }).map((r) => r.id)).toEqual(['Webinars']);
  });
});

describe('segment reordering', () => {
  it('finds the order values around the new position', () => {
    expect(neighbourOrders([1, 2, 3], 2, -1)).toEqual([1, 2]);
    expect(neighbourOrders([1, 2, 3], 1, -1)).toEqual([0, 1]);
    expect(neighbourOrders([1, 2, 3], 0, 1)).toEqual([2, 3]);
    expect(neighbourOrders([1, 2, 3], 1, 1)).toEqual([3, 4]);
    expect(neighbourOrders([1, 2, 3], 0, -1)).toBeNull();
    expect(neighbourOrders([1, 2, 3], 2, 1)).toBeNull();
  });
});
