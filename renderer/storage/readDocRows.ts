import Dexie from 'dexie';
import type { LockstepDB } from './db';
import { findDocNumber, MAX_SEQ, seqOfKey, seqRange } from './docUpdates';

/** Rows asked for per read request while loading a doc, unless that needs more requests than allowed. */
export const ROWS_PER_READ = 128;
/** Upper bound on the requests issued together; the last one takes whatever is left. */
export const MAX_PARALLEL_READS = 64;

/** What a read of a doc's rows found besides the values it handed over. */
export interface StoredDocRows {
  /** How many values (rows with a numeric seq) were handed to `onValues`. */
  rows: number;
  /** The highest seq among them; null when there are none. */
  lastSeq: number | null;
  /** The doc's number (docUpdates.ts); null when nothing was ever stored for it. */
  docNumber: number | null;
}

/**
 * Every stored row of `docId`, read in one read-only transaction so the rows are one
 * consistent snapshot even while another window writes. Values only: keys are not cloned per
 * row; the caller learns the highest seq: everything at or below it was read.
 *
 * The values are handed to `onValues` a range at a time, in key order, as they arrive, and
 * outside the read transaction's zone: the caller applies one range while the browser's
 * IndexedDB process is still reading the next, instead of applying everything at the end.
 *
 * Why not one getAll: Chromium answers a single getAll of 10,000 rows more slowly than the
 * same rows asked for as a few dozen smaller getAlls issued together, because the browser's
 * IndexedDB process reads the next range while this renderer decodes the previous one (with
 * number keys: about 7 % faster over 40 interleaved loads of 10,000 rows). So the doc's first
 * and last keys are read first — a small round trip, after its number, which is usually known
 * from when the database opened — and the seqs between them are split into up to
 * MAX_PARALLEL_READS ranges, all requested at once.
 * A compacted doc is one range. The ranges are adjacent and cover every seq the doc can have,
 * so a wrong density guess (holes, a stray huge seq) costs speed, never rows.
 *
 * Resolves as soon as the rows arrived, without waiting for the transaction's `complete`
 * event: one more round trip to the IndexedDB process before the plan can show.
 */
export function readDocRows(db: LockstepDB, docId: string, onValues: (values: unknown[]) => void): Promise<StoredDocRows> {
  // A Dexie promise, not a native one: Dexie runs its callbacks in the zone of whoever awaits
  // it, while a native promise resolved inside the transaction's scope would carry that
  // finished read-only transaction into the caller's next database call.
  return new Dexie.Promise<StoredDocRows>((resolve, reject) => {
    db.transaction('r', db.docNumbers, db.docUpdates, async () => {
      resolve(await readInRanges(db, docId, (values) => Dexie.ignoreTransaction(() => onValues(values))));
    }).catch(reject); // after resolve() this changes nothing: the rows are already read
  });
}

async function readInRanges(db: LockstepDB, docId: string, onValues: (values: unknown[]) => void): Promise<StoredDocRows> {
  const no = await findDocNumber(db, docId);
  if (no === null) return { rows: 0, lastSeq: null, docNumber: null };
  const [firstKeys, lastKeys] = await Promise.all([seqRange(db, no).limit(1).primaryKeys(), seqRange(db, no).reverse().limit(1).primaryKeys()]);
  const [firstKey] = firstKeys;
  const [lastKey] = lastKeys;
  if (firstKey === undefined || lastKey === undefined) return { rows: 0, lastSeq: null, docNumber: no };
  const firstSeq = seqOfKey(no, firstKey);
  const lastSeq = seqOfKey(no, lastKey);
  // Seqs are dense unless something odd was stored, so the seq span estimates the row count.
  const span = lastSeq - firstSeq + 1;
  const ranges = Math.min(MAX_PARALLEL_READS, Math.ceil(span / ROWS_PER_READ));
  const width = span / ranges;
  const bounds: number[] = [];
  for (let i = 1; i < ranges; i++) bounds.push(firstSeq + i * width);
  // [0, b1], (b1, b2], …, (bn, MAX_SEQ]: adjacent, so every row is in exactly one.
  const lowers = [0, ...bounds];
  const uppers = [...bounds, MAX_SEQ];
  // All requested before the first is awaited: the IndexedDB process works through them while
  // this thread takes each range in order as it arrives.
  const parts = lowers.map((lower, i) => seqRange(db, no, lower, uppers[i], i === 0).toArray() as Promise<unknown[]>);
  let rows = 0;
  for (const part of parts) {
    const values = await part;
    rows += values.length;
    if (values.length > 0) onValues(values);
  }
  return { rows, lastSeq, docNumber: no };
}
