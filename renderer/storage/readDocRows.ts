import Dexie from 'dexie';
import type { LockstepDB } from './db';

/** Rows asked for per read request while loading a doc. */
export const ROWS_PER_READ = 256;
/** Upper bound on the requests issued together; the last one takes whatever is left. */
export const MAX_PARALLEL_READS = 64;

/**
 * Every stored row of `docId` (valid or not), in key order, read in one read-only
 * transaction so the rows are one consistent snapshot even while another window writes.
 *
 * Why not one getAll: Chromium answers a single getAll of 10,000 rows far more slowly than
 * the same rows asked for as a few dozen smaller getAlls issued together (measured in
 * Chromium 156 with 10,000 rows: ~220 ms → ~135 ms), because the browser's IndexedDB process
 * reads the next range while this renderer decodes the previous one. So the first
 * ROWS_PER_READ rows are read alone — for a compacted doc that is everything, in one round
 * trip — and if there is more, the doc's last key is looked up and the rest is split by seq
 * into ranges of about ROWS_PER_READ rows, all requested at once. The ranges are adjacent and
 * the last one is open-ended, so a wrong density guess (holes, a stray huge or non-numeric
 * seq) costs speed, never rows.
 *
 * Resolves as soon as the rows arrived, without waiting for the transaction's `complete`
 * event: one more round trip to the IndexedDB process before the plan can show.
 */
export function readDocRows(db: LockstepDB, docId: string): Promise<unknown[]> {
  // A Dexie promise, not a native one: Dexie runs its callbacks in the zone of whoever awaits
  // it, while a native promise resolved inside the transaction's scope would carry that
  // finished read-only transaction into the caller's next database call.
  return new Dexie.Promise<unknown[]>((resolve, reject) => {
    db.transaction('r', db.updates, async () => {
      resolve(await readInRanges(db, docId));
    }).catch(reject); // after resolve() this changes nothing: the rows are already read
  });
}

async function readInRanges(db: LockstepDB, docId: string): Promise<unknown[]> {
  // Dexie's between(lower, upper, includeLower, includeUpper), over [docId, seq] keys.
  const range = (lower: unknown, upper: unknown, includeLower: boolean) =>
    db.updates.where('[docId+seq]').between([docId, lower], [docId, upper], includeLower, true);
  const first = (await range(Dexie.minKey, Dexie.maxKey, true).limit(ROWS_PER_READ).toArray()) as unknown[];
  if (first.length < ROWS_PER_READ) return first;
  // Only a long doc pays this extra round trip for its last key.
  const lastKeys = await range(Dexie.minKey, Dexie.maxKey, true).reverse().limit(1).primaryKeys();

  const startSeq = seqOf(first[0]);
  const readSeq = seqOf(first[first.length - 1]); // rows are inline-keyed: this is its key
  // Unreachable for rows IndexedDB accepted under an inline key; read everything rather than guess.
  if (readSeq === undefined) return range(Dexie.minKey, Dexie.maxKey, true).toArray() as Promise<unknown[]>;
  const lastSeq = lastKeys[0]?.[1];
  const bounds: number[] = [];
  if (isFiniteNumber(startSeq) && isFiniteNumber(readSeq) && isFiniteNumber(lastSeq) && lastSeq > readSeq) {
    // The seq width that held ROWS_PER_READ rows so far; later rows are assumed about as dense.
    const width = Math.max(1, readSeq - startSeq + 1);
    const ranges = Math.min(MAX_PARALLEL_READS, Math.ceil((lastSeq - readSeq) / width));
    for (let i = 1; i < ranges; i++) bounds.push(readSeq + i * width);
  }
  // (readSeq, b1], (b1, b2], …, (bn, maxKey]: adjacent, so every remaining row is in exactly one.
  const lowers: unknown[] = [readSeq, ...bounds];
  const uppers: unknown[] = [...bounds, Dexie.maxKey];
  const rest = await Promise.all(lowers.map((lower, i) => range(lower, uppers[i], false).toArray() as Promise<unknown[]>));
  return first.concat(...rest);
}

function seqOf(row: unknown): unknown {
  return typeof row === 'object' && row !== null ? (row as { seq?: unknown }).seq : undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
