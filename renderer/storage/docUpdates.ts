import * as Y from 'yjs';
import type { DocUpdateKey, LockstepDB } from './db';
import { readableUpdate } from './updateBytes';

/**
 * The doc's rows whose seq is a number from `from` to `to` (inclusive unless `includeFrom`
 * is false): the rows Lockstep writes and a compaction replaces. A row under a key that is
 * not [docId, number] was not written by Lockstep and is outside every such range.
 */
export function seqRange(db: LockstepDB, docId: string, from = -Infinity, to = Infinity, includeFrom = true) {
  return db.docUpdates.where(':id').between([docId, from], [docId, to], includeFrom, true);
}

/** Highest seq stored for a doc, -1 when it has none; read inside the caller's transaction. */
export async function lastSeq(db: LockstepDB, docId: string): Promise<number> {
  const key: unknown = await seqRange(db, docId).lastKey();
  return Array.isArray(key) && typeof key[1] === 'number' ? key[1] : -1;
}

/**
 * Stores one update after the doc's last row. Call it inside a rw transaction on
 * `docUpdates`: IndexedDB serialises those, so two writers never pick the same seq.
 */
export async function appendUpdate(db: LockstepDB, docId: string, update: Uint8Array): Promise<DocUpdateKey> {
  const key: DocUpdateKey = [docId, (await lastSeq(db, docId)) + 1];
  await db.docUpdates.add(update, key);
  return key;
}

/**
 * Applies every readable stored update of a doc into `doc` (inside the caller's transaction).
 * Unreadable rows are skipped and stay where they are: the plan's own persistence sets them
 * aside when it opens the plan.
 */
export async function applyStoredUpdates(db: LockstepDB, docId: string, doc: Y.Doc): Promise<void> {
  const values: unknown[] = await seqRange(db, docId).toArray();
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
}
