import Dexie, { type PromiseExtended } from 'dexie';
import * as Y from 'yjs';
import type { DocNumberRow, LockstepDB } from './db';
import { readableUpdate } from './updateBytes';

/**
 * How a doc's updates are keyed. Every doc gets a small number once (`docNumbers`, never
 * changed, deleted or reused); its row `seq` is stored under the plain number
 * `no * SEQS_PER_DOC + seq`. A number key is far cheaper for IndexedDB to read than the
 * compound [docId, seq] (10,000 rows: about a fifth faster in Chromium), and a doc's rows are
 * still one contiguous key range.
 *
 * The helpers that run inside a caller's transaction return Dexie's own promises, chained
 * with `then`, never async functions: awaiting an async helper that itself awaited another
 * lost Dexie's transaction zone in this project's tests, and the caller's next request then
 * ran in a transaction of its own.
 */
export const SEQS_PER_DOC = 2 ** 32;
/** The highest doc number whose keys stay exact integers in a double. */
export const MAX_DOC_NUMBER = Math.floor(Number.MAX_SAFE_INTEGER / SEQS_PER_DOC) - 1;
/** The highest seq a doc can use: at one write every 60 ms, about eight years of typing. */
export const MAX_SEQ = SEQS_PER_DOC - 1;

export const rowKey = (no: number, seq: number): number => no * SEQS_PER_DOC + seq;
export const seqOfKey = (no: number, key: number): number => key - no * SEQS_PER_DOC;

const validNumber = (no: unknown): number | null =>
  typeof no === 'number' && Number.isInteger(no) && no >= 0 && no <= MAX_DOC_NUMBER ? no : null;

/** Fills `db.openedDocNumbers` with the numbers read when the database opened. */
export function rememberDocNumbers(db: LockstepDB, rows: readonly DocNumberRow[]): void {
  db.openedDocNumbers.clear();
  for (const row of rows) {
    const no = validNumber(row.no);
    if (no !== null) db.openedDocNumbers.set(row.docId, no);
  }
}

/** The doc's number, or null when nothing was ever stored for it. Inside the caller's transaction. */
export function findDocNumber(db: LockstepDB, docId: string): PromiseExtended<number | null> {
  const opened = db.openedDocNumbers.get(docId);
  if (opened !== undefined) return Dexie.Promise.resolve(opened);
  return db.docNumbers.get(docId).then((row) => validNumber(row?.no));
}

/**
 * The doc's number, given it one if it has none. Call it inside a rw transaction on
 * `docNumbers` (IndexedDB serialises those, so two windows never give out the same number)
 * and keep the result only once that transaction has committed.
 */
export function docNumber(db: LockstepDB, docId: string): PromiseExtended<number> {
  return db.docNumbers.get(docId).then((row) => {
    if (row !== undefined) {
      const no = validNumber(row.no);
      if (no === null) throw new Error(`The storage number of plan ${docId} is damaged.`);
      return no;
    }
    return db.docNumbers.orderBy('no').last().then((last) => {
      const no = typeof last?.no === 'number' ? last.no + 1 : 0;
      if (no > MAX_DOC_NUMBER) throw new Error('This library has stored more plans than Lockstep can number.');
      return db.docNumbers.add({ docId, no }).then(() => no);
    });
  });
}

/** The doc's rows with seqs from `from` to `to` (inclusive unless `includeFrom` is false). */
export function seqRange(db: LockstepDB, no: number, from = 0, to = MAX_SEQ, includeFrom = true) {
  return db.docUpdates.where(':id').between(rowKey(no, from), rowKey(no, to), includeFrom, true);
}

/** Highest seq stored for a doc number, -1 when it has none; inside the caller's transaction. */
export function lastSeq(db: LockstepDB, no: number): PromiseExtended<number> {
  return seqRange(db, no).lastKey().then((key: unknown) => (typeof key === 'number' ? seqOfKey(no, key) : -1));
}

/** Refuses a seq past the doc's key space instead of writing into the next doc's. */
export function checkSeq(seq: number): number {
  if (seq > MAX_SEQ) throw new Error('This plan has used up its storage sequence numbers. Export it and import the file as a new plan.');
  return seq;
}

/**
 * Stores one update after the doc's last row. Call it inside a rw transaction on
 * `docNumbers` and `docUpdates`: IndexedDB serialises those, so two writers never pick the
 * same seq.
 */
export function appendUpdate(db: LockstepDB, docId: string, update: Uint8Array): PromiseExtended<number> {
  return docNumber(db, docId).then((no) =>
    lastSeq(db, no).then((last) => db.docUpdates.add(update, rowKey(no, checkSeq(last + 1)))),
  );
}

/**
 * Applies every readable stored update of a doc into `doc` (inside the caller's transaction
 * on `docNumbers` and `docUpdates`). Unreadable rows are skipped and stay where they are:
 * the plan's own persistence sets them aside when it opens the plan.
 */
export function applyStoredUpdates(db: LockstepDB, docId: string, doc: Y.Doc): PromiseExtended<void> {
  return findDocNumber(db, docId).then((no) => {
    if (no === null) return;
    return seqRange(db, no).toArray().then((values: unknown[]) => {
      doc.transact(() => {
        for (const value of values) {
          const bytes = readableUpdate(value);
          if (!bytes) continue;
          try {
            Y.applyUpdate(doc, bytes);
          } catch {
            // Unreadable: left for the persistence's quarantine (see above).
          }
        }
      });
    });
  });
}
