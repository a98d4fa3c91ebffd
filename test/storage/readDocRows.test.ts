import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockstepDB } from '../../renderer/storage/db';
import { MAX_PARALLEL_READS, ROWS_PER_READ, readDocRows } from '../../renderer/storage/readDocRows';
import { instrumentTransactions, prng, useFreshDBs } from './helpers';

const freshDB = useFreshDBs('read-rows');
afterEach(() => {
  vi.restoreAllMocks();
});

type Seq = number | string | Date | number[];
const row = (docId: string, seq: Seq) => ({ docId, seq, update: new Uint8Array([0, 0]) });

/** What the rows must be: one plain read of the doc's whole key range. */
const allRowsOf = (db: LockstepDB, docId: string) =>
  db.updates.where('[docId+seq]').between([docId, Dexie.minKey], [docId, Dexie.maxKey], true, true).toArray();

/** Rows of neighbouring docs whose keys sort right before and after the doc's own. */
async function addNeighbours(db: LockstepDB, docId: string): Promise<void> {
  await db.table('updates').bulkPut([row(`${docId.slice(0, -1)}`, 1), row(`${docId}\u0000`, 0), row(`${docId}-2`, 5), row(`${docId}~`, 1e9)]);
}

describe('readDocRows', () => {
  it('reads every row of the doc in key order, and nothing of other docs, at every size around a request', async () => {
    const db = freshDB();
    const sizes = [0, 1, ROWS_PER_READ - 1, ROWS_PER_READ, ROWS_PER_READ + 1, 2 * ROWS_PER_READ, 10 * ROWS_PER_READ + 7];
    for (const [i, size] of sizes.entries()) {
      const docId = `doc-${i}`;
      const start = i * 1000; // after compactions a doc's seqs start anywhere
      await db.table('updates').bulkAdd(Array.from({ length: size }, (_, k) => row(docId, start + k)));
      await addNeighbours(db, docId);
      const rows = await readDocRows(db, docId);
      expect(rows, `size ${size}`).toEqual(await allRowsOf(db, docId));
      expect(rows).toHaveLength(size);
    }
  });

  it('loses no row when seqs have holes, strays, fractions or are not numbers at all (seeded)', { timeout: 30_000 }, async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = prng(seed);
      const db = freshDB();
      const docId = `plan-${seed}`;
      const seqs = new Map<string, Seq>();
      const add = (seq: Seq) => seqs.set(JSON.stringify(seq instanceof Date ? { d: seq.getTime() } : seq), seq);
      let seq = Math.floor(rnd() * 1e6) - 5e5;
      const total = Math.floor(rnd() * 6 * ROWS_PER_READ);
      for (let k = 0; k < total; k++) {
        seq += rnd() < 0.9 ? 1 : 1 + Math.floor(rnd() * (rnd() < 0.5 ? 50 : 5000)); // mostly dense, some holes
        add(seq);
      }
      // Rows another build or a bug could leave behind; IndexedDB accepts all of them as keys.
      if (rnd() < 0.7) add(Number.MAX_SAFE_INTEGER * (rnd() < 0.5 ? 1 : 64));
      if (rnd() < 0.7) add(-1e12);
      if (rnd() < 0.7) add(seq - 0.5);
      if (rnd() < 0.7) add(`from-another-app-${seed}`);
      if (rnd() < 0.5) add(new Date(1_700_000_000_000 + seed));
      if (rnd() < 0.5) add([seed, 1]);
      await db.table('updates').bulkPut([...seqs.values()].map((s) => row(docId, s)));
      await addNeighbours(db, docId);

      const rows = await readDocRows(db, docId);
      const expected = await allRowsOf(db, docId);
      if (rows.length !== expected.length) throw new Error(`seed ${seed}: read ${rows.length} of ${expected.length} rows`);
      expect(rows, `seed ${seed}`).toEqual(expected);
    }
  });

  it('splits a long doc into several requests, within the bound, inside one read-only transaction', async () => {
    const db = freshDB();
    await db.table('updates').bulkAdd(Array.from({ length: 20 * ROWS_PER_READ }, (_, k) => row('long', k)));
    await db.table('updates').add(row('long', 1e15)); // a stray far away must not multiply the requests
    db.close();
    // Before opening: Dexie binds IDBDatabase#transaction once per connection.
    const tx = instrumentTransactions();
    const reopened = new LockstepDB(db.name);
    try {
      await reopened.open();
      const getAll = vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll');
      const rows = await readDocRows(reopened, 'long');
      const logAtResolve = [...tx.log];
      expect(rows).toHaveLength(20 * ROWS_PER_READ + 1);
      expect(getAll.mock.calls.length).toBeGreaterThan(2);
      expect(getAll.mock.calls.length).toBeLessThanOrEqual(1 + MAX_PARALLEL_READS);
      // Besides Dexie's own schema check at open (read-only, every store): one read transaction.
      const begun = logAtResolve.filter((e) => e.kind === 'begin' && e.stores.length < reopened.tables.length);
      expect(begun).toEqual([{ kind: 'begin', id: expect.any(Number), stores: ['updates'], mode: 'readonly' }]);
      const readId = begun[0]?.kind === 'begin' ? begun[0].id : -1;
      // Resolved once the rows arrived, not a round trip later when the transaction completes.
      expect(logAtResolve.filter((e) => e.kind === 'complete' && e.id === readId)).toEqual([]);
    } finally {
      tx.restore();
      reopened.close();
    }
  });

  it('hands no transaction to the code that awaited it', async () => {
    const db = freshDB();
    await db.table('updates').bulkAdd(Array.from({ length: 3 * ROWS_PER_READ }, (_, k) => row('after', k)));
    await readDocRows(db, 'after');
    expect(Dexie.currentTransaction).toBeNull();
    // A caller's write right after the read must get its own read-write transaction.
    await db.transaction('rw', db.updates, db.quarantine, async () => {
      await db.updates.delete(['after', 0]);
    });
    expect(await db.updates.where('[docId+seq]').between(['after', 0], ['after', Infinity]).count()).toBe(3 * ROWS_PER_READ - 1);
  });

  it('rejects with the database error when the read fails', async () => {
    const db = freshDB();
    await db.table('updates').add(row('broken', 1));
    await db.open();
    vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll').mockImplementation(() => {
      throw new DOMException('disk went away', 'UnknownError');
    });
    await expect(readDocRows(db, 'broken')).rejects.toThrow(/disk went away/);
  });
});
