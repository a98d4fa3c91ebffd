import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LockstepDB } from '../../renderer/storage/db';
import { persistDoc } from '../../renderer/storage/docPersistence';
import {
  DELETE_GRACE_MS,
  duplicatePlan,
  getPlan,
  listPlans,
  planStorageBytes,
  purgeDeleted,
  putPlanMeta,
  restoreDeleted,
  setArchived,
  setPinned,
  softDelete,
  type LibraryEntry,
} from '../../renderer/storage/library';
import { expectSameContent, freshDB, reload, rowCount } from './helpers';

const open: LockstepDB[] = [];
function db(): LockstepDB {
  const d = freshDB('library');
  open.push(d);
  return d;
}
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const ids = (entries: LibraryEntry[]) => entries.map((e) => e.id);

async function seedPlans(d: LockstepDB) {
  unwrap(await putPlanMeta(d, { id: 'a', title: 'Spring launch', kind: 'launch' }, 1000));
  unwrap(await putPlanMeta(d, { id: 'b', title: 'Webinar series', kind: 'campaign' }, 3000));
  unwrap(await putPlanMeta(d, { id: 'c', title: 'Price change', kind: 'offer-change', stage: 'review' }, 2000));
}

describe('library', () => {
  it('creates plans with defaults and lists them pinned first, then most recent', async () => {
    const d = db();
    await seedPlans(d);
    expect(unwrap(await getPlan(d, 'c'))).toMatchObject({
      id: 'c', stage: 'review', createdAt: 2000, updatedAt: 2000, pinned: 0, archived: 0, deletedAt: null,
    });
    expect(ids(unwrap(await listPlans(d)))).toEqual(['b', 'c', 'a']);
    unwrap(await setPinned(d, 'a', true));
    expect(ids(unwrap(await listPlans(d)))).toEqual(['a', 'b', 'c']);
  });

  it('updates keep createdAt, pinned and share unless given', async () => {
    const d = db();
    unwrap(await putPlanMeta(d, { id: 'p', title: 'One', kind: 'launch', share: { room: 'r1' } }, 10));
    unwrap(await setPinned(d, 'p', true));
    const updated = unwrap(await putPlanMeta(d, { id: 'p', title: 'One, renamed', kind: 'launch' }, 20));
    expect(updated).toMatchObject({ title: 'One, renamed', createdAt: 10, updatedAt: 20, pinned: 1, share: { room: 'r1' } });
  });

  it('refuses invalid metadata without storing it', async () => {
    const d = db();
    const bad = await putPlanMeta(d, { id: '', title: 'x', kind: 'launch' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'storage/invalid' } });
    const wrongKind = await putPlanMeta(d, { id: 'z', title: 'x', kind: 'webinar' as 'launch' });
    expect(wrongKind.ok).toBe(false);
    expect(await d.plans.count()).toBe(0);
  });

  it('hides archived plans unless asked', async () => {
    const d = db();
    await seedPlans(d);
    unwrap(await setArchived(d, 'b', true));
    expect(ids(unwrap(await listPlans(d)))).toEqual(['c', 'a']);
    expect(ids(unwrap(await listPlans(d, { includeArchived: true })))).toEqual(['b', 'c', 'a']);
  });

  it('soft-deletes with undo, and purges only after the grace period, with the content', async () => {
    const d = db();
    await seedPlans(d);
    const doc = new Y.Doc();
    const p = persistDoc(d, 'a', doc, { batchMs: 1 });
    doc.getText('narrative').insert(0, 'draft');
    await p.destroy();
    await d.snapshots.add({ docId: 'a', createdAt: 1, name: 'v1', state: Y.encodeStateAsUpdate(doc) });

    unwrap(await softDelete(d, 'a', 5000));
    expect(ids(unwrap(await listPlans(d)))).toEqual(['b', 'c']);
    expect(ids(unwrap(await listPlans(d, { includeDeleted: true })))).toContain('a');
    unwrap(await restoreDeleted(d, 'a'));
    expect(ids(unwrap(await listPlans(d)))).toContain('a');

    unwrap(await softDelete(d, 'a', 5000));
    expect(unwrap(await purgeDeleted(d, { now: 5000 + DELETE_GRACE_MS - 1 }))).toEqual([]);
    expect(unwrap(await planStorageBytes(d, 'a')).updates).toBeGreaterThan(0);
    expect(unwrap(await purgeDeleted(d, { now: 5000 + DELETE_GRACE_MS }))).toEqual(['a']);
    expect(unwrap(await getPlan(d, 'a'))).toBeNull();
    expect(unwrap(await planStorageBytes(d, 'a'))).toMatchObject({ updates: 0, snapshots: 0, total: 0 });
    expect(ids(unwrap(await listPlans(d)))).toEqual(['b', 'c']);
  });

  it('duplicates a plan as one update, without its share secret', async () => {
    const d = db();
    unwrap(await putPlanMeta(d, { id: 'src', title: 'Launch', kind: 'launch', stage: 'live', share: { secret: 's' } }, 1));
    unwrap(await setPinned(d, 'src', true));
    const doc = new Y.Doc();
    const p = persistDoc(d, 'src', doc, { batchMs: 1, compactOnOpen: false });
    for (let i = 0; i < 30; i++) {
      doc.getMap('brief').set(`f${i % 4}`, i);
      doc.getText('narrative').insert(0, 'ab');
      await p.flush();
    }
    await p.destroy();

    const copy = unwrap(await duplicatePlan(d, 'src', 'dst', 'Launch (copy)', 99));
    expect(copy).toMatchObject({ id: 'dst', title: 'Launch (copy)', kind: 'launch', stage: 'live', pinned: 0, createdAt: 99 });
    expect('share' in copy).toBe(false);
    expect(await rowCount(d, 'dst')).toBe(1);
    expectSameContent((await reload(d, 'dst')).doc, doc);
    expect((await duplicatePlan(d, 'src', 'dst', 'again')).ok).toBe(false);
    expect((await duplicatePlan(d, 'missing', 'x', 'x')).ok).toBe(false);
  });

  it('lists a corrupt row as corrupt and still lists everything else', async () => {
    const d = db();
    await seedPlans(d);
    const plans = d.table('plans');
    await plans.put({ id: 'broken', title: 'Half a plan', kind: 42, pinned: 'yes' });
    await plans.put({ id: 'empty' });
    const all = unwrap(await listPlans(d));
    expect(ids(all)).toEqual(['b', 'c', 'a', 'broken', 'empty']);
    const broken = all.find((e) => e.id === 'broken');
    expect(broken).toMatchObject({ corrupt: true, title: 'Half a plan' });
    expect(broken?.corrupt && broken.reason).toContain('kind');
    expect(all.find((e) => e.id === 'empty')).toMatchObject({ corrupt: true, title: 'Unreadable plan' });

    // Operations refuse to overwrite what they cannot read.
    expect(await setPinned(d, 'broken', true)).toMatchObject({ ok: false, error: { code: 'storage/invalid' } });
    expect(await plans.get('broken')).toEqual({ id: 'broken', title: 'Half a plan', kind: 42, pinned: 'yes' });
    expect(await setPinned(d, 'nope', true)).toMatchObject({ ok: false, error: { code: 'storage/not-found' } });
  });
});
