import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LockstepDB } from '../../renderer/storage/db';
import { describeLoadReport, flushAllDocs, installLifecycleFlush, persistDoc, type DocPersistence, type SaveStatus } from '../../renderer/storage/docPersistence';
import { appendUpdate } from '../../renderer/storage/docUpdates';
import { planStorageBytes } from '../../renderer/storage/library';
import { ROWS_PER_READ } from '../../renderer/storage/readDocRows';
import {
  expectSameContent,
  freshDB,
  instrumentTransactions,
  isUpdatesWrite,
  prng,
  putRow,
  rowCount,
  randomEdit,
  reload,
  sleep,
  snapshotOf,
  waitFor,
  type TxLogEntry,
} from './helpers';

const open: LockstepDB[] = [];
function db(): LockstepDB {
  const d = freshDB('persist');
  open.push(d);
  return d;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of open.splice(0)) d.close();
});

describe('persistDoc: load and save', () => {
  it('round-trips a plan-like doc through IndexedDB', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'plan-a', doc, { batchMs: 5 });
    await p.whenLoaded;
    const rnd = prng(1);
    for (let i = 0; i < 300; i++) {
      randomEdit(doc, rnd, i);
      if (i % 50 === 0) await sleep(1);
    }
    doc.getMap('brief').set('nested', { owner: 'Ana', target: '2026-12-01' });
    await p.flush();
    expect(p.status()).toMatchObject({ state: 'saved', pending: 0 });
    await p.destroy();

    const { doc: loaded, report } = await reload(d, 'plan-a');
    expect(report).toMatchObject({ ok: true, skipped: [], message: null });
    expect(snapshotOf(loaded).brief).toMatchObject({ nested: { owner: 'Ana', target: '2026-12-01' } });
    expectSameContent(loaded, doc);
  });

  it('does not re-save what it loaded', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'plan-b', doc, { batchMs: 5 });
    doc.getText('narrative').insert(0, 'hello');
    await p.destroy();
    const before = await rowCount(d, 'plan-b');

    const again = new Y.Doc();
    const p2 = persistDoc(d, 'plan-b', again, { batchMs: 5, compactOnOpen: false });
    await p2.whenLoaded;
    expect(p2.status()).toMatchObject({ state: 'saved', pending: 0 });
    await p2.flush();
    expect(await rowCount(d, 'plan-b')).toBe(before);
    expect(again.getText('narrative').toString()).toBe('hello');
    await p2.destroy();
  });

  it('keeps edits made before the load finished', async () => {
    const d = db();
    const seed = new Y.Doc();
    const p0 = persistDoc(d, 'plan-c', seed, { batchMs: 1 });
    seed.getMap('brief').set('objective', 'grow');
    await p0.destroy();

    const doc = new Y.Doc();
    const p = persistDoc(d, 'plan-c', doc, { batchMs: 1 });
    doc.getMap('brief').set('owner', 'Li'); // before whenLoaded
    await p.whenLoaded;
    await p.destroy();
    const { doc: loaded } = await reload(d, 'plan-c');
    expect(loaded.getMap('brief').toJSON()).toEqual({ objective: 'grow', owner: 'Li' });
  });
});

describe('persistDoc: loading cost', () => {
  it('loads in one read-only transaction and does not wait for it to complete', async () => {
    const d = db();
    const seed = new Y.Doc();
    const p0 = persistDoc(d, 'quick', seed, { batchMs: 1, compactOnOpen: false });
    for (let i = 0; i < 30; i++) {
      seed.getText('narrative').insert(i, 'x');
      await p0.flush(); // one row per edit
    }
    await p0.destroy();
    d.close();

    // Before opening: Dexie binds IDBDatabase#transaction once per connection.
    const tx = instrumentTransactions();
    try {
      const reopened = new LockstepDB(d.name);
      open.push(reopened);
      await reopened.open();
      const get = vi.spyOn(globalThis.IDBObjectStore.prototype, 'get');
      const doc = new Y.Doc();
      const p = persistDoc(reopened, 'quick', doc, { compactOnOpen: false });
      const report = await p.whenLoaded;
      const logAtLoad = [...tx.log];
      // The plan's number was read with the marker when the database opened, not again now.
      expect(get.mock.contexts.map((store) => (store as IDBObjectStore).name)).not.toContain('docNumbers');
      expect(report).toMatchObject({ ok: true, rowsRead: 30, updatesApplied: 30, skipped: [] });
      expectSameContent(doc, seed);
      // Besides Dexie's own schema check at open (read-only, every store): one read, no writes.
      const begun = logAtLoad.filter((e) => e.kind === 'begin' && e.stores.length < d.tables.length);
      // Since schema 2 has a data migration, opening reads its marker (kv) once, with the doc numbers.
      expect(begun.map((e) => e.kind === 'begin' && e.stores.join())).toEqual(['docNumbers,kv', 'docNumbers,docUpdates']);
      expect(begun.every((e) => e.kind === 'begin' && e.mode === 'readonly')).toBe(true);
      expect(logAtLoad.filter((e) => e.kind === 'begin' && e.mode !== 'readonly')).toEqual([]);
      // The plan is usable as soon as the rows arrived, not one more round trip later.
      const readId = begun[1]?.kind === 'begin' ? begun[1].id : -1;
      expect(logAtLoad.filter((e) => e.kind === 'complete' && e.id === readId)).toEqual([]);
      await p.destroy();
    } finally {
      tx.restore();
    }
  });

  it('saves a local edit made between two ranges of a long load', async () => {
    const d = db();
    const rnd = prng(31);
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 3 * ROWS_PER_READ; i++) randomEdit(source, rnd, i);
    for (const [seq, update] of updates.entries()) await putRow(d, 'between', seq, update);

    const doc = new Y.Doc();
    let loaded = false;
    let editedWhileLoading: boolean | null = null;
    const started: DocPersistence[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (editedWhileLoading !== null || tr.origin !== started[0]) return;
      // Runs once the first range's apply has returned, before the next range is applied.
      queueMicrotask(() => {
        editedWhileLoading = !loaded;
        doc.getMap('brief').set('typed', 'during the load');
      });
    });
    started.push(persistDoc(d, 'between', doc, { batchMs: 1, compactOnOpen: false }));
    const p = started[0] as DocPersistence;
    const report = await p.whenLoaded;
    loaded = true;
    expect(report).toMatchObject({ ok: true, updatesApplied: updates.length });
    expect(editedWhileLoading).toBe(true);
    await p.destroy();
    const { doc: reloaded } = await reload(d, 'between');
    expect(reloaded.getMap('brief').get('typed')).toBe('during the load');
    expect(reloaded.getText('narrative').toString()).toBe(source.getText('narrative').toString());
  });

  it('loads and quarantines from inside a caller\'s transaction that does not cover the updates table', async () => {
    const d = db();
    const seed = new Y.Doc();
    const p0 = persistDoc(d, 'nested', seed, { batchMs: 1 });
    seed.getMap('brief').set('objective', 'ship');
    await p0.destroy();
    await putRow(d, 'nested', 900, new Uint8Array([7, 7, 7]));

    const doc = new Y.Doc();
    const started: DocPersistence[] = [];
    await d.transaction('rw', d.plans, async () => {
      await d.plans.count();
      started.push(persistDoc(d, 'nested', doc, { batchMs: 1, compactOnOpen: false }));
    });
    const [p] = started;
    if (!p) throw new Error('persistDoc did not run inside the transaction');
    const report = await p.whenLoaded;
    expect(report).toMatchObject({ ok: true, rowsRead: 2, updatesApplied: 1 });
    expect(report.skipped).toEqual([{ key: ['nested', 900], reason: 'unreadable-update', quarantined: true }]);
    expect(doc.getMap('brief').toJSON()).toEqual({ objective: 'ship' });
    expect(await d.quarantine.where('docId').equals('nested').count()).toBe(1);
    await p.destroy();
  });
});

describe('persistDoc: batching and the saved signal', () => {
  it('writes a burst of edits in one transaction', async () => {
    // Dexie binds IDBDatabase#transaction when it opens: instrument before that.
    const tx = instrumentTransactions();
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'burst', doc, { batchMs: 20 });
    await p.whenLoaded;
    try {
      const rnd = prng(7);
      for (let i = 0; i < 200; i++) randomEdit(doc, rnd, i);
      await Promise.resolve();
      for (let i = 200; i < 220; i++) randomEdit(doc, rnd, i);
      await waitFor(() => p.status().state === 'saved');
      const writes = tx.log.filter((e) => e.kind === 'begin' && isUpdatesWrite(e));
      expect(writes).toHaveLength(1);
      expect(tx.log.filter((e) => e.kind === 'complete' && isUpdatesWrite(e))).toHaveLength(1);
      expect(await rowCount(d, 'burst')).toBe(220);
    } finally {
      tx.restore();
      await p.destroy();
    }
  });

  it('reports saved only after the write transaction completed', async () => {
    const tx = instrumentTransactions();
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'signal', doc, { batchMs: 3 });
    await p.whenLoaded;
    const log: TxLogEntry[] = tx.log;
    const statuses: SaveStatus[] = [];
    p.onStatus((s) => {
      statuses.push(s);
      log.push({ kind: 'status', state: s.state });
    });
    try {
      const rnd = prng(11);
      for (let round = 0; round < 15; round++) {
        for (let i = 0; i < 1 + Math.floor(rnd() * 20); i++) randomEdit(doc, rnd, round * 100 + i);
        await sleep(Math.floor(rnd() * 8));
      }
      await p.flush();
      expect(statuses.some((s) => s.state === 'saved')).toBe(true);

      // At every "saved", every write transaction begun so far has fired its complete event,
      // and at least one completed since the previous "saving".
      const open = new Set<number>();
      let completedSinceSaving = 0;
      for (const entry of log) {
        if (entry.kind === 'status') {
          if (entry.state === 'saving') completedSinceSaving = 0;
          if (entry.state === 'saved') {
            expect([...open]).toEqual([]);
            expect(completedSinceSaving).toBeGreaterThan(0);
          }
        } else if (isUpdatesWrite(entry)) {
          if (entry.kind === 'begin') open.add(entry.id);
          if (entry.kind === 'complete') {
            open.delete(entry.id);
            completedSinceSaving += 1;
          }
        }
      }
      expect(p.status()).toMatchObject({ state: 'saved', pending: 0 });
      expect(p.status().savedAt).not.toBeNull();
    } finally {
      tx.restore();
      await p.destroy();
    }
    const { doc: loaded } = await reload(d, 'signal');
    expectSameContent(loaded, doc);
  });

  it('persists an edit followed by an immediate destroy (y-indexeddb issue 28)', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'close-fast', doc, { batchMs: 10_000 });
    doc.getText('narrative').insert(0, 'last words');
    await p.destroy();
    const { doc: loaded } = await reload(d, 'close-fast');
    expect(loaded.getText('narrative').toString()).toBe('last words');
  });

  it('persists when the Y.Doc itself is destroyed right after an edit', async () => {
    const d = db();
    const doc = new Y.Doc();
    persistDoc(d, 'doc-destroy', doc, { batchMs: 10_000 });
    doc.getMap('brief').set('pain', 'slow hand-offs');
    doc.destroy();
    await flushAllDocs();
    const { doc: loaded } = await reload(d, 'doc-destroy');
    expect(loaded.getMap('brief').get('pain')).toBe('slow hand-offs');
  });

  it('flushes everything through flushAllDocs (the pagehide path)', async () => {
    const d = db();
    const a = new Y.Doc();
    const b = new Y.Doc();
    const pa = persistDoc(d, 'all-a', a, { batchMs: 10_000 });
    const pb = persistDoc(d, 'all-b', b, { batchMs: 10_000 });
    a.getText('narrative').insert(0, 'A');
    b.getText('narrative').insert(0, 'B');
    await flushAllDocs();
    expect(pa.status().state).toBe('saved');
    expect(pb.status().state).toBe('saved');
    expect((await reload(d, 'all-a')).doc.getText('narrative').toString()).toBe('A');
    expect((await reload(d, 'all-b')).doc.getText('narrative').toString()).toBe('B');
    await pa.destroy();
    await pb.destroy();
  });
});

describe('installLifecycleFlush', () => {
  it('saves pending edits on pagehide and when the page becomes hidden, until uninstalled', async () => {
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    const win = Object.assign(new EventTarget(), { document }) as unknown as Window;
    const uninstall = installLifecycleFlush(win);
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'hide', doc, { batchMs: 60_000 });
    await p.whenLoaded;
    try {
      doc.getText('narrative').insert(0, 'a');
      win.dispatchEvent(new Event('pagehide'));
      await waitFor(() => p.status().state === 'saved');

      doc.getText('narrative').insert(1, 'b');
      win.document.dispatchEvent(new Event('visibilitychange')); // still visible: no flush
      await sleep(20);
      expect(p.status().state).toBe('saving');
      document.visibilityState = 'hidden';
      win.document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => p.status().state === 'saved');

      uninstall();
      doc.getText('narrative').insert(2, 'c');
      win.dispatchEvent(new Event('pagehide'));
      await sleep(20);
      expect(p.status().state).toBe('saving');
    } finally {
      uninstall();
      await p.destroy();
    }
    expect((await reload(d, 'hide')).doc.getText('narrative').toString()).toBe('abc');
  });
});

describe('persistDoc: compaction', () => {
  it('shrinks rows to one and stored bytes to the encoded size, keeping content', { timeout: 30_000 }, async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'compact', doc, { batchMs: 1, compactAfterRows: 10_000 });
    await p.whenLoaded;
    const rnd = prng(3);
    for (let i = 0; i < 400; i++) {
      randomEdit(doc, rnd, i);
      if (i % 20 === 0) await p.flush();
    }
    await p.flush();
    expect(await rowCount(d, 'compact')).toBeGreaterThan(1);
    await p.compact();
    expect(await rowCount(d, 'compact')).toBe(1);
    const bytes = await planStorageBytes(d, 'compact');
    if (!bytes.ok) throw new Error(bytes.error.message);
    const encoded = Y.encodeStateAsUpdate(doc).byteLength;
    expect(bytes.value.updates / encoded).toBeLessThanOrEqual(1.05);
    await p.destroy();
    expectSameContent((await reload(d, 'compact')).doc, doc);
  });

  it('compacts automatically once rows pass the threshold, and on open', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'auto', doc, { batchMs: 1, compactAfterRows: 30 });
    for (let i = 0; i < 100; i++) {
      doc.getMap('brief').set(`k${i % 7}`, i);
      await p.flush();
      expect(await rowCount(d, 'auto')).toBeLessThanOrEqual(30);
    }
    await p.destroy();
    // Leave several rows, then reopen with compaction on open.
    const doc2 = new Y.Doc();
    const p2 = persistDoc(d, 'auto', doc2, { batchMs: 1, compactAfterRows: 1000 });
    await p2.whenLoaded;
    for (let i = 0; i < 5; i++) {
      doc2.getText('narrative').insert(0, 'x');
      await p2.flush();
    }
    await p2.destroy();
    expect(await rowCount(d, 'auto')).toBeGreaterThan(1);
    const doc3 = new Y.Doc();
    const p3 = persistDoc(d, 'auto', doc3);
    await p3.whenLoaded;
    await p3.flush(); // queued behind the compaction on open
    expect(await rowCount(d, 'auto')).toBe(1);
    expectSameContent(doc3, doc2);
    await p3.destroy();
  });

  it('keeps edits made while the compaction transaction is running', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'mid', doc, { batchMs: 1, compactAfterRows: 10_000 });
    const rnd = prng(9);
    for (let i = 0; i < 60; i++) {
      randomEdit(doc, rnd, i);
      if (i % 3 === 0) await p.flush();
    }
    let done = false;
    const compaction = p.compact().then(() => void (done = true));
    let during = 0;
    while (!done) {
      randomEdit(doc, rnd, 1000 + during);
      during += 1;
      await yieldOnce();
    }
    await compaction;
    expect(during).toBeGreaterThan(1);
    await p.destroy(); // appends the edits made during compaction; no later compaction hides a loss
    expectSameContent((await reload(d, 'mid')).doc, doc);
  });

  it('loses nothing when compaction races with local edits and another window writing', { timeout: 60_000 }, async () => {
    for (const seed of [101, 202, 303, 404]) {
      try {
        await raceOnce(seed);
      } catch (error) {
        throw new Error(`compaction race failed with seed ${seed}: ${String(error)}`, { cause: error });
      }
    }
  });
});

const yieldOnce = () => new Promise<void>((resolve) => setImmediate(resolve));

async function raceOnce(seed: number): Promise<void> {
  const rnd = prng(seed);
  const d = db();
  const doc = new Y.Doc();
  const p = persistDoc(d, 'race', doc, { batchMs: 2, compactAfterRows: 25 });
  await p.whenLoaded;
  // "Another window": its own doc, writing rows straight into the table with seqs it picks
  // itself, including stale ones that collide with nothing but sit inside compaction ranges.
  const other = new Y.Doc();
  const otherUpdates: Uint8Array[] = [];
  other.on('update', (u: Uint8Array) => otherUpdates.push(u));
  const pending: Promise<unknown>[] = [];
  for (let step = 0; step < 400; step++) {
    const r = rnd();
    if (r < 0.6) randomEdit(doc, rnd, step);
    else if (r < 0.75) {
      randomEdit(other, rnd, step + 10_000);
      const update = otherUpdates[otherUpdates.length - 1];
      if (update) {
        pending.push(
          d.transaction('rw', d.docNumbers, d.docUpdates, () => appendUpdate(d, 'race', update)),
        );
      }
    } else if (r < 0.85) pending.push(p.compact());
    else if (r < 0.92) pending.push(p.flush());
    else if (r < 0.97) await yieldOnce(); // lets one IndexedDB step run between edits
    else await sleep(Math.floor(rnd() * 4));
  }
  await Promise.all(pending);
  await p.flush();
  await p.destroy();

  const expected = new Y.Doc();
  Y.applyUpdate(expected, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(expected, Y.encodeStateAsUpdate(other));
  const { doc: loaded } = await reload(d, 'race');
  expectSameContent(loaded, expected);
}

describe('persistDoc: bad rows on disk', () => {
  it('skips corrupt rows, keeps them, and loads the rest', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'dirty', doc, { batchMs: 1 });
    doc.getMap('brief').set('objective', 'win');
    await p.flush();
    doc.getText('narrative').insert(0, 'story');
    await p.destroy();

    await putRow(d, 'dirty', 500, 'not bytes at all');
    await putRow(d, 'dirty', 501, new Uint8Array([1, 2, 3, 255, 255]));
    await putRow(d, 'dirty', 502, new Uint8Array([]));
    await putRow(d, 'dirty', 503, { docId: 'dirty', seq: 503 }); // a schema-1 row without its update

    const loadedDoc = new Y.Doc();
    const p2 = persistDoc(d, 'dirty', loadedDoc, { batchMs: 1 });
    const report = await p2.whenLoaded;
    expect(report.ok).toBe(true);
    expect(report.skipped.map((s) => s.reason).sort()).toEqual(
      ['not-bytes', 'not-bytes', 'unreadable-update', 'unreadable-update'].sort(),
    );
    expect(report.skipped.every((s) => s.quarantined)).toBe(true);
    expect(report.skipped.map((s) => s.key)).toEqual([['dirty', 500], ['dirty', 501], ['dirty', 502], ['dirty', 503]]);
    expect(report.message).toBe(describeLoadReport(report));
    expect(report.message).toContain('4 saved changes');
    expect(report.message).toContain('Nothing was deleted');
    expect(snapshotOf(loadedDoc)).toMatchObject({ brief: { objective: 'win' }, narrative: 'story' });

    // The plan keeps working and the bad rows survive compaction, set aside.
    loadedDoc.getText('narrative').insert(5, '!');
    await p2.flush();
    await p2.compact();
    await p2.destroy();
    const kept = await d.quarantine.where('docId').equals('dirty').toArray();
    expect(kept).toHaveLength(4);
    expect(kept.map((k) => k.value)).toContainEqual('not bytes at all');
    expect(kept.map((k) => [k.table, k.key])).toEqual([500, 501, 502, 503].map((seq) => ['docUpdates', ['dirty', seq]]));
    expect((await reload(d, 'dirty')).doc.getText('narrative').toString()).toBe('story!');
  });

  it('loads a long doc read in several requests, setting aside corrupt rows spread through it', async () => {
    const d = db();
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const rnd = prng(77);
    for (let i = 0; i < 3 * ROWS_PER_READ + 13; i++) randomEdit(source, rnd, i);
    const rows: { seq: number; update: unknown }[] = updates.map((update, seq) => ({ seq: 40 + seq, update }));
    // Corrupt rows inside the first request, on a request boundary, and in the last one.
    const corrupt = [10, ROWS_PER_READ, rows.length - 2].map((i) => ({ seq: 40 + updates.length + i, update: 'garbage' }));
    for (const row of [...rows, ...corrupt]) await putRow(d, 'long', row.seq, row.update);

    const doc = new Y.Doc();
    const p = persistDoc(d, 'long', doc, { compactOnOpen: false });
    const report = await p.whenLoaded;
    expect(report).toMatchObject({ ok: true, rowsRead: rows.length + corrupt.length, updatesApplied: rows.length });
    expect(report.skipped).toEqual(corrupt.map((c) => ({ key: ['long', c.seq], reason: 'not-bytes', quarantined: true })));
    expectSameContent(doc, source);
    expect(await d.quarantine.where('docId').equals('long').count()).toBe(corrupt.length);
    expect(await rowCount(d, 'long')).toBe(rows.length);
    await p.destroy();
  });

  it('moves an unreadable row written by another window during a compaction instead of deleting it', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'late', doc, { batchMs: 1 });
    await p.whenLoaded;
    doc.getMap('brief').set('a', 1);
    await p.flush();
    await putRow(d, 'late', 99, new Uint8Array([9, 9, 9]));
    await p.compact();
    expect(p.skipped()).toEqual([{ key: ['late', 99], reason: 'unreadable-update', quarantined: true }]);
    expect(await d.quarantine.where('docId').equals('late').count()).toBe(1);
    await p.destroy();
  });

  it('survives fuzzed rows without crashing (seeded)', { timeout: 30_000 }, async () => {
    const seed = 4242;
    const rnd = prng(seed);
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'fuzz', doc, { batchMs: 1 });
    doc.getMap('brief').set('keep', 'me');
    await p.destroy();
    const rows = [];
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(1 + Math.floor(rnd() * 40)).map(() => Math.floor(rnd() * 256));
      rows.push({ seq: 1000 + i, update: bytes });
    }
    for (const row of rows) await putRow(d, 'fuzz', row.seq, row.update);
    const loaded = new Y.Doc();
    const p2 = persistDoc(d, 'fuzz', loaded, { batchMs: 1, compactOnOpen: false });
    const report = await p2.whenLoaded;
    expect(report.ok, `seed ${seed}`).toBe(true);
    expect(report.updatesApplied + report.skipped.length, `seed ${seed}`).toBe(report.rowsRead);
    expect(await d.quarantine.where('docId').equals('fuzz').count(), `seed ${seed}`).toBe(report.skipped.length);
    await p2.destroy();
  });
});

describe('persistDoc: write failures', () => {
  it('keeps edits in memory on a full disk, says so, and saves everything once space frees up', async () => {
    const d = db();
    const doc = new Y.Doc();
    const p = persistDoc(d, 'quota', doc, { batchMs: 1, retryBaseMs: 5, retryMaxMs: 20 });
    await p.whenLoaded;
    const original = d.docUpdates.bulkAdd.bind(d.docUpdates);
    let failures = 2;
    vi.spyOn(d.docUpdates, 'bulkAdd').mockImplementation(((...args: Parameters<typeof original>) => {
      if (failures > 0) {
        failures -= 1;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return original(...args);
    }) as typeof original);
    const seen: SaveStatus[] = [];
    p.onStatus((s) => seen.push(s));

    doc.getText('narrative').insert(0, 'first');
    await expect(p.flush()).rejects.toMatchObject({ code: 'storage/quota' });
    expect(p.status()).toMatchObject({ state: 'error', pending: 1, error: { code: 'storage/quota' } });
    expect(p.status().error?.message).toContain('disk is full');
    doc.getText('narrative').insert(5, ' second'); // edits keep coming while the disk is full

    await waitFor(() => p.status().state === 'saved');
    expect(failures).toBe(0);
    expect(seen.map((s) => s.state)).toContain('error');
    expect(seen[seen.length - 1]?.state).toBe('saved');
    await p.destroy();
    expect((await reload(d, 'quota')).doc.getText('narrative').toString()).toBe('first second');
  });

  it('survives a quota abort inside the compaction transaction (DBCore level)', async () => {
    const d = freshDB('quota-core');
    open.push(d);
    let failures = 1;
    d.use({
      stack: 'dbcore',
      name: 'simulated-full-disk',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'docUpdates') return table;
          return {
            ...table,
            mutate: (req) => {
              if (req.type === 'add' && failures > 0) {
                failures -= 1;
                return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
              }
              return table.mutate(req);
            },
          };
        },
      }),
    });
    const doc = new Y.Doc();
    const p = persistDoc(d, 'core', doc, { batchMs: 1, compactAfterRows: 3, retryBaseMs: 5 });
    await p.whenLoaded;
    for (let i = 0; i < 10; i++) doc.getMap('brief').set(`k${i}`, i); // > threshold: compaction path
    await expect(p.flush()).rejects.toMatchObject({ code: 'storage/quota' });
    expect(p.status().pending).toBe(10);
    await waitFor(() => p.status().state === 'saved');
    await p.destroy();
    expect((await reload(d, 'core')).doc.getMap('brief').toJSON()).toEqual(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])),
    );
  });
});
