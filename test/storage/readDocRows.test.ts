import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockstepDB } from '../../renderer/storage/db';
import { docNumber, findDocNumber, MAX_SEQ, rowKey, seqOfKey } from '../../renderer/storage/docUpdates';
import { MAX_PARALLEL_READS, ROWS_PER_READ, readDocRows } from '../../renderer/storage/readDocRows';
import { instrumentTransactions, prng, rowCount, useFreshDBs } from './helpers';

const freshDB = useFreshDBs('read-rows');
afterEach(() => {
  vi.restoreAllMocks();
});

/** A value that names its own row, so order and identity are both checked. */
const valueOf = (docId: string, seq: number) => new TextEncoder().encode(JSON.stringify([docId, seq]));
async function putRows(db: LockstepDB, docId: string, seqs: number[]): Promise<void> {
  await db.transaction('rw', db.docNumbers, db.docUpdates, async () => {
    const no = await docNumber(db, docId);
    await db.docUpdates.bulkPut(seqs.map((seq) => valueOf(docId, seq)), seqs.map((seq) => rowKey(no, seq)));
  });
}

/** What a read must return: one plain read of every row stored under the doc's number. */
async function expectedOf(db: LockstepDB, docId: string) {
  const no = await db.transaction('r', db.docNumbers, () => findDocNumber(db, docId));
  if (no === null) return { values: [], lastSeq: null, docNumber: null };
  const range = () => db.docUpdates.where(':id').between(rowKey(no, 0), rowKey(no + 1, 0), true, false);
  const keys = (await range().primaryKeys()) as number[];
  const last = keys[keys.length - 1];
  return { values: await range().toArray(), lastSeq: last === undefined ? null : seqOfKey(no, last), docNumber: no };
}

/** Reads the doc, collecting what `onValues` was handed, and checks each call's context. */
async function readAll(db: LockstepDB, docId: string) {
  const calls: unknown[][] = [];
  const read = await readDocRows(db, docId, (values) => {
    // Applied outside the read transaction, so doc observers that write get their own.
    expect(Dexie.currentTransaction).toBeNull();
    calls.push(values);
  });
  return { values: calls.flat(), lastSeq: read.lastSeq, docNumber: read.docNumber, rows: read.rows, calls: calls.length };
}

/** Docs numbered right before and after the doc, with rows at the edges of their key space. */
async function addNeighbours(db: LockstepDB, docId: string): Promise<void> {
  await putRows(db, `${docId}-before`, [0, MAX_SEQ]);
  await putRows(db, docId, []);
  await putRows(db, `${docId}-after`, [0, 1, MAX_SEQ]);
}

describe('readDocRows', () => {
  it('reads every row of the doc in key order, and nothing of other docs, at every size around a request', async () => {
    const db = freshDB();
    const sizes = [0, 1, ROWS_PER_READ - 1, ROWS_PER_READ, ROWS_PER_READ + 1, 2 * ROWS_PER_READ, 10 * ROWS_PER_READ + 7];
    for (const [i, size] of sizes.entries()) {
      const docId = `doc-${i}`;
      const start = i * 1000; // after compactions a doc's seqs start anywhere
      await addNeighbours(db, docId);
      await putRows(db, docId, Array.from({ length: size }, (_, k) => start + k));
      const { calls, rows, ...read } = await readAll(db, docId);
      expect(read, `size ${size}`).toEqual(await expectedOf(db, docId));
      expect(rows).toBe(size);
      expect(calls).toBe(Math.min(MAX_PARALLEL_READS, Math.ceil(size / ROWS_PER_READ))); // dense seqs: no empty range
      expect(read.values).toHaveLength(size);
      expect(read.lastSeq).toBe(size === 0 ? null : start + size - 1);
    }
  });

  it('loses no row when seqs have holes, strays or fractions (seeded)', { timeout: 30_000 }, async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = prng(seed);
      const db = freshDB();
      const docId = `plan-${seed}`;
      const seqs = new Set<number>();
      let seq = Math.floor(rnd() * 1e6);
      const total = Math.floor(rnd() * 12 * ROWS_PER_READ);
      for (let k = 0; k < total; k++) {
        seq += rnd() < 0.9 ? 1 : 1 + Math.floor(rnd() * (rnd() < 0.5 ? 50 : 5000)); // mostly dense, some holes
        seqs.add(seq);
      }
      // Rows a bug could leave behind, at the edges of the doc's key space and between seqs.
      if (rnd() < 0.7) seqs.add(MAX_SEQ);
      if (rnd() < 0.7) seqs.add(0);
      if (rnd() < 0.7) seqs.add(seq - 0.5);
      await addNeighbours(db, docId);
      await putRows(db, docId, [...seqs]);

      const { calls: _calls, rows, ...read } = await readAll(db, docId);
      const expected = await expectedOf(db, docId);
      if (read.values.length !== expected.values.length) throw new Error(`seed ${seed}: read ${read.values.length} of ${expected.values.length} rows`);
      expect(read, `seed ${seed}`).toEqual(expected);
      expect(rows, `seed ${seed}`).toBe(seqs.size);
    }
  });

  it('reads nothing, in one request, for a doc that never stored anything', async () => {
    const db = freshDB();
    await addNeighbours(db, 'other');
    const getAll = vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll');
    expect(await readAll(db, 'never-stored')).toEqual({ values: [], lastSeq: null, docNumber: null, rows: 0, calls: 0 });
    expect(getAll).not.toHaveBeenCalled();
  });

  it('splits a long doc into several requests, within the bound, inside one read-only transaction', async () => {
    const db = freshDB();
    await putRows(db, 'long', Array.from({ length: 20 * ROWS_PER_READ }, (_, k) => k));
    await putRows(db, 'long', [MAX_SEQ]); // a stray far away must not multiply the requests
    db.close();
    // Before opening: Dexie binds IDBDatabase#transaction once per connection.
    const tx = instrumentTransactions();
    const reopened = new LockstepDB(db.name);
    try {
      await reopened.open();
      const getAll = vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll');
      const read = await readAll(reopened, 'long');
      const logAtResolve = [...tx.log];
      expect(read.values).toHaveLength(20 * ROWS_PER_READ + 1);
      expect(read.lastSeq).toBe(MAX_SEQ);
      expect(getAll.mock.calls.length).toBeGreaterThan(2);
      expect(getAll.mock.calls.length).toBeLessThanOrEqual(1 + MAX_PARALLEL_READS);
      // Besides Dexie's own schema check at open (read-only, every store): one read transaction.
      const begun = logAtResolve.filter((e) => e.kind === 'begin' && e.stores.length < reopened.tables.length);
      // Since schema 2 has a data migration, opening reads its marker (kv) once, with the doc numbers.
      expect(begun.map((e) => e.kind === 'begin' && e.stores.join())).toEqual(['docNumbers,kv', 'docNumbers,docUpdates']);
      expect(begun.every((e) => e.kind === 'begin' && e.mode === 'readonly')).toBe(true);
      const readId = begun[1]?.kind === 'begin' ? begun[1].id : -1;
      // Resolved once the rows arrived, not a round trip later when the transaction completes.
      expect(logAtResolve.filter((e) => e.kind === 'complete' && e.id === readId)).toEqual([]);
    } finally {
      tx.restore();
      reopened.close();
    }
  });

  it('hands no transaction to the code that awaited it', async () => {
    const db = freshDB();
    await putRows(db, 'after', Array.from({ length: 3 * ROWS_PER_READ }, (_, k) => k));
    await readAll(db, 'after');
    expect(Dexie.currentTransaction).toBeNull();
    // A caller's write right after the read must get its own read-write transaction.
    await db.transaction('rw', db.docNumbers, db.docUpdates, db.quarantine, async () => {
      await db.docUpdates.delete(rowKey(await docNumber(db, 'after'), 0));
    });
    expect(await rowCount(db, 'after')).toBe(3 * ROWS_PER_READ - 1);
  });

  it('rejects with the database error when the read fails', async () => {
    const db = freshDB();
    await putRows(db, 'broken', [1]);
    await db.open();
    vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll').mockImplementation(() => {
      throw new DOMException('disk went away', 'UnknownError');
    });
    await expect(readAll(db, 'broken')).rejects.toThrow(/disk went away/);
  });
});
