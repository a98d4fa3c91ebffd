import Dexie, { type IndexableTypeArrayReadonly } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockstepDB } from '../../renderer/storage/db';
import { seqRange } from '../../renderer/storage/docUpdates';
import { MAX_PARALLEL_READS, ROWS_PER_READ, readDocRows } from '../../renderer/storage/readDocRows';
import { instrumentTransactions, prng, useFreshDBs } from './helpers';

const freshDB = useFreshDBs('read-rows');
afterEach(() => {
  vi.restoreAllMocks();
});

type Seq = number | string | Date | number[];
/** A value that names its own key, so order and identity are both checked. */
const valueOf = (docId: string, seq: Seq) => new TextEncoder().encode(JSON.stringify([docId, seq instanceof Date ? seq.getTime() : seq]));
async function putRows(db: LockstepDB, docId: string, seqs: Seq[]): Promise<void> {
  await db.docUpdates.bulkPut(seqs.map((seq) => valueOf(docId, seq)), seqs.map((seq) => [docId, seq]) as unknown as IndexableTypeArrayReadonly);
}

/** What a read must return: one plain read of the doc's whole key range, split by seq type. */
async function expectedOf(db: LockstepDB, docId: string) {
  const range = () => db.docUpdates.where(':id').between([docId, Dexie.minKey], [docId, Dexie.maxKey], true, true);
  const keys = (await range().primaryKeys()) as unknown as [string, Seq][];
  const values: unknown[] = await range().toArray();
  const numeric = keys.flatMap(([, seq], i) => (typeof seq === 'number' ? [values[i]] : []));
  const seqs = keys.map(([, seq]) => seq).filter((seq): seq is number => typeof seq === 'number');
  return {
    values: numeric,
    lastSeq: seqs.length > 0 ? seqs[seqs.length - 1] : null,
    foreignKeys: keys.filter(([, seq]) => typeof seq !== 'number'),
  };
}

/** Rows of neighbouring docs whose keys sort right before and after the doc's own. */
async function addNeighbours(db: LockstepDB, docId: string): Promise<void> {
  for (const [id, seq] of [[docId.slice(0, -1), 1], [`${docId}\u0000`, 0], [`${docId}-2`, 5], [`${docId}~`, 1e9]] as const) await putRows(db, id, [seq]);
}

describe('readDocRows', () => {
  it('reads every row of the doc in key order, and nothing of other docs, at every size around a request', async () => {
    const db = freshDB();
    const sizes = [0, 1, ROWS_PER_READ - 1, ROWS_PER_READ, ROWS_PER_READ + 1, 2 * ROWS_PER_READ, 10 * ROWS_PER_READ + 7];
    for (const [i, size] of sizes.entries()) {
      const docId = `doc-${i}`;
      const start = i * 1000; // after compactions a doc's seqs start anywhere
      await putRows(db, docId, Array.from({ length: size }, (_, k) => start + k));
      await addNeighbours(db, docId);
      const read = await readDocRows(db, docId);
      expect(read, `size ${size}`).toEqual(await expectedOf(db, docId));
      expect(read.values).toHaveLength(size);
      expect(read.lastSeq).toBe(size === 0 ? null : start + size - 1);
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
      await putRows(db, docId, [...seqs.values()]);
      await addNeighbours(db, docId);

      const read = await readDocRows(db, docId);
      const expected = await expectedOf(db, docId);
      if (read.values.length !== expected.values.length) throw new Error(`seed ${seed}: read ${read.values.length} of ${expected.values.length} rows`);
      expect(read, `seed ${seed}`).toEqual(expected);
    }
  });

  it('splits a long doc into several requests, within the bound, inside one read-only transaction', async () => {
    const db = freshDB();
    await putRows(db, 'long', Array.from({ length: 20 * ROWS_PER_READ }, (_, k) => k));
    await putRows(db, 'long', [1e15]); // a stray far away must not multiply the requests
    db.close();
    // Before opening: Dexie binds IDBDatabase#transaction once per connection.
    const tx = instrumentTransactions();
    const reopened = new LockstepDB(db.name);
    try {
      await reopened.open();
      const getAll = vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll');
      const read = await readDocRows(reopened, 'long');
      const logAtResolve = [...tx.log];
      expect(read.values).toHaveLength(20 * ROWS_PER_READ + 1);
      expect(read.lastSeq).toBe(1e15);
      expect(getAll.mock.calls.length).toBeGreaterThan(2);
      expect(getAll.mock.calls.length).toBeLessThanOrEqual(1 + MAX_PARALLEL_READS);
      // Besides Dexie's own schema check at open (read-only, every store): one read transaction.
      const begun = logAtResolve.filter((e) => e.kind === 'begin' && e.stores.length < reopened.tables.length);
      // Since schema 2 has a data migration, opening reads its marker (kv) once.
      expect(begun.map((e) => e.kind === 'begin' && e.stores.join())).toEqual(['kv', 'docUpdates']);
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
    await readDocRows(db, 'after');
    expect(Dexie.currentTransaction).toBeNull();
    // A caller's write right after the read must get its own read-write transaction.
    await db.transaction('rw', db.docUpdates, db.quarantine, async () => {
      await db.docUpdates.delete(['after', 0]);
    });
    expect(await seqRange(db, 'after').count()).toBe(3 * ROWS_PER_READ - 1);
  });

  it('rejects with the database error when the read fails', async () => {
    const db = freshDB();
    await putRows(db, 'broken', [1]);
    await db.open();
    vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll').mockImplementation(() => {
      throw new DOMException('disk went away', 'UnknownError');
    });
    await expect(readDocRows(db, 'broken')).rejects.toThrow(/disk went away/);
  });
});
