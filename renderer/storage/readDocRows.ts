import Dexie from 'dexie';
import type { LockstepDB } from './db';
import { seqRange } from './docUpdates';

/** Rows asked for per read request while loading a doc, unless that needs more requests than allowed. */
export const ROWS_PER_READ = 128;
/** Upper bound on the requests issued together; the last one takes whatever is left. */
export const MAX_PARALLEL_READS = 64;

/** One consistent read of a doc's stored rows. */
export interface StoredDocRows {
  /** The values of every row with a numeric seq, in key order (bytes, unless damaged). */
  values: unknown[];
  /** The highest seq among them; null when there are none. */
  lastSeq: number | null;
  /** Keys under the doc whose seq is not a number: not written by Lockstep, never applied. */
  foreignKeys: unknown[];
}

/**
 * Every stored row of `docId`, read in one read-only transaction so the rows are one
 * consistent snapshot even while another window writes. Values only: keys are not cloned per
 * row, because a 10,000-row plan then loads about a quarter faster; the caller learns the
 * highest seq (everything at or below it was read) and the keys that are not Lockstep's.
 *
 * Why not one getAll: Chromium answers a single getAll of 10,000 rows more slowly than the
 * same rows asked for as a few dozen smaller getAlls issued together, because the browser's
 * IndexedDB process reads the next range while this renderer decodes the previous one. So the
 * doc's first and last keys (and its foreign keys) are read first — a small round trip — and
 * the seqs between them are split into up to MAX_PARALLEL_READS ranges, all requested at once.
 * A compacted doc is one range. The ranges are adjacent and the first and last are
 * open-ended, so a wrong density guess (holes, a stray huge seq) costs speed, never rows.
 *
 * Resolves as soon as the rows arrived, without waiting for the transaction's `complete`
 * event: one more round trip to the IndexedDB process before the plan can show.
 */
export function readDocRows(db: LockstepDB, docId: string): Promise<StoredDocRows> {
  // A Dexie promise, not a native one: Dexie runs its callbacks in the zone of whoever awaits
  // it, while a native promise resolved inside the transaction's scope would carry that
  // finished read-only transaction into the caller's next database call.
  return new Dexie.Promise<StoredDocRows>((resolve, reject) => {
    db.transaction('r', db.docUpdates, async () => {
      resolve(await readInRanges(db, docId));
    }).catch(reject); // after resolve() this changes nothing: the rows are already read
  });
}

async function readInRanges(db: LockstepDB, docId: string): Promise<StoredDocRows> {
  const [firstKeys, lastKeys, foreignKeys] = await Promise.all([
    seqRange(db, docId).limit(1).primaryKeys(),
    seqRange(db, docId).reverse().limit(1).primaryKeys(),
    // Above every number in IndexedDB's key order: dates, strings, binary, arrays.
    db.docUpdates.where(':id').between([docId, Infinity], [docId, Dexie.maxKey], false, true).primaryKeys() as Promise<unknown[]>,
  ]);
  const firstSeq = seqOf(firstKeys[0]);
  const lastSeq = seqOf(lastKeys[0]);
  if (firstSeq === null || lastSeq === null) return { values: [], lastSeq: null, foreignKeys };
  // Seqs are dense unless something odd was stored, so the seq span estimates the row count.
  const span = lastSeq - firstSeq + 1;
  const ranges = Number.isFinite(span) ? Math.min(MAX_PARALLEL_READS, Math.ceil(span / ROWS_PER_READ)) : 1;
  const width = span / ranges;
  const bounds: number[] = [];
  for (let i = 1; i < ranges; i++) bounds.push(firstSeq + i * width);
  // [-∞, b1], (b1, b2], …, (bn, +∞]: adjacent, so every row is in exactly one.
  const lowers = [-Infinity, ...bounds];
  const uppers = [...bounds, Infinity];
  const parts = await Promise.all(
    lowers.map((lower, i) => seqRange(db, docId, lower, uppers[i], i === 0).toArray() as Promise<unknown[]>),
  );
  return { values: parts.flat(), lastSeq, foreignKeys };
}

function seqOf(key: unknown): number | null {
  const seq: unknown = Array.isArray(key) ? key[1] : undefined;
  return typeof seq === 'number' ? seq : null;
}
