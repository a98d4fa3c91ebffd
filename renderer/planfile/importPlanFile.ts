import * as Y from 'yjs';
import type { Result } from '../../shared/result';
import { stripDocSecretFromUpdate } from '../collab/docSecret';
import { readPlan, type PlanView } from '../domain';
import { metaMap } from '../domain/docShape';
import { transactLocal } from '../domain/transact';
import { appendUpdate, applyStoredUpdates, planRowSchema, storageProblemFrom, type LockstepDB, type PlanRow } from '../storage';
import type { PlanFileError } from './container';
import { readPlanFile } from './planFile';

export type ImportMode = 'new' | 'merged' | 'copy';

export interface ImportedPlan {
  planId: string;
  mode: ImportMode;
  title: string;
}

export interface ImportOptions {
  /** Always import as a separate plan, even when the file is a copy of a plan in the library. */
  asCopy?: boolean;
  /**
   * The open document of a plan, if any. Merging into an open plan must go through its live
   * Y.Doc (so its persistence stores the change and its sync session sends it to peers);
   * writing rows under a live session would only show up after the next reload.
   */
  openDoc?: (planId: string) => Y.Doc | undefined;
  newId?: () => string;
  now?: () => number;
}

export type ImportError = PlanFileError | { code: 'planfile/storage'; message: string };

const storageFail = (error: unknown): { ok: false; error: ImportError } => ({
  ok: false,
  error: { code: 'planfile/storage', message: `The plan could not be saved: ${storageProblemFrom(error, 'write').message}` },
});

function rowFromView(id: string, view: PlanView, at: number): Result<PlanRow> {
  const parsed = planRowSchema.safeParse({
    id,
    title: view.brief.title || 'Imported plan',
    kind: view.brief.kind,
    stage: view.brief.stage,
    createdAt: at,
    updatedAt: at,
    pinned: 0,
    archived: 0,
    deletedAt: null,
  });
  if (!parsed.success) return { ok: false, error: { code: 'planfile/empty-plan', message: 'The plan in this file has no usable title or kind.' } };
  const { role: _role, share: _share, ...row } = parsed.data;
  return { ok: true, value: row };
}

/**
 * Imports a `.lockstep` file into the library. Everything is checked before anything is
 * written, and the writes (document + library row) happen in one IndexedDB transaction, so a
 * refused or failed import leaves the library exactly as it was.
 *
 * - The file's plan is not in the library: it is added under its own plan id ("new"), so
 *   importing the same file again later merges instead of duplicating.
 * - It is (a copy of) a plan in the library: the file's Yjs state is merged into it ("merged").
 *   Yjs merges are idempotent and commutative: nothing in the local plan is overwritten except
 *   where the file holds later edits of the same field, exactly as if the two had synced.
 * - `asCopy`, or the matching plan is deleted or its library row damaged: a separate plan with
 *   a new id ("copy"); its document records the new id as an ordinary edit.
 *
 * An imported plan is never shared: its library row has no sharing details, and a room secret
 * the file carries (files from before secrets were left out of exports) is removed from the
 * document before anything is stored, so the file cannot hand anyone a way into the live room.
 */
export async function importPlanFile(db: LockstepDB, bytes: Uint8Array, options: ImportOptions = {}): Promise<Result<ImportedPlan, ImportError>> {
  const read = readPlanFile(bytes);
  if (!read.ok) return read;
  const { manifest, update, view } = read.value;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  let existingRaw: unknown;
  try {
    existingRaw = await db.plans.get(manifest.planId);
  } catch (error) {
    return storageFail(error);
  }
  const existing = existingRaw === undefined ? null : planRowSchema.safeParse(existingRaw);
  const mergeable = existing?.success === true && existing.data.deletedAt === null && options.asCopy !== true;

  if (mergeable) return mergeInto(db, manifest.planId, update, options.openDoc?.(manifest.planId), now());
  if (existing === null && options.asCopy !== true) return addPlan(db, manifest.planId, stripDocSecretFromUpdate(update), view, now(), 'new');

  // A separate plan: rewrite nothing of the original, just record the new id on top.
  const copyId = newId();
  const doc = new Y.Doc({ guid: copyId });
  Y.applyUpdate(doc, stripDocSecretFromUpdate(update));
  transactLocal(doc, () => metaMap(doc).set('planId', copyId));
  const copyUpdate = Y.encodeStateAsUpdate(doc);
  const copyView = readPlan(doc);
  doc.destroy();
  return addPlan(db, copyId, copyUpdate, copyView, now(), 'copy');
}

async function addPlan(db: LockstepDB, planId: string, update: Uint8Array, view: PlanView, at: number, mode: ImportMode): Promise<Result<ImportedPlan, ImportError>> {
  const row = rowFromView(planId, view, at);
  if (!row.ok) return { ok: false, error: { code: 'planfile/empty-plan', message: row.error.message } };
  try {
    const added = await db.transaction('rw', db.plans, db.docNumbers, db.docUpdates, async () => {
      // Re-check inside the transaction: another window may have imported the same file.
      if ((await db.plans.get(planId)) !== undefined) return false;
      await appendUpdate(db, planId, update);
      await db.plans.add(row.value);
      return true;
    });
    if (!added) return { ok: false, error: { code: 'planfile/storage', message: 'This plan was imported at the same moment in another window. Open it from the library.' } };
    return { ok: true, value: { planId, mode, title: row.value.title } };
  } catch (error) {
    return storageFail(error);
  }
}

async function mergeInto(db: LockstepDB, planId: string, update: Uint8Array, live: Y.Doc | undefined, at: number): Promise<Result<ImportedPlan, ImportError>> {
  if (live) {
    // Through the live doc: its persistence stores the update, its sync session sends it on.
    try {
      Y.applyUpdate(live, stripDocSecretFromUpdate(update, live), 'lockstep/import');
    } catch {
      return { ok: false, error: { code: 'planfile/unreadable-document', message: 'The plan inside this file could not be merged.' } };
    }
    return { ok: true, value: { planId, mode: 'merged', title: readPlan(live).brief.title } };
  }
  try {
    const title = await db.transaction('rw', db.plans, db.docNumbers, db.docUpdates, async () => {
      // Merge on disk: build the merged state to refresh the library row, and store the file's
      // update as one more row (the plan's persistence applies and compacts it on next open).
      const doc = new Y.Doc({ guid: planId });
      await applyStoredUpdates(db, planId, doc);
      const clean = stripDocSecretFromUpdate(update, doc);
      Y.applyUpdate(doc, clean);
      const merged = readPlan(doc);
      doc.destroy();
      await appendUpdate(db, planId, clean);
      const current = await db.plans.get(planId);
      // Checked before the transaction; a row damaged since then aborts the whole merge.
      if (current === undefined || !planRowSchema.safeParse(current).success) throw new Error('The library entry changed during the import.');
      await db.plans.put({ ...current, title: merged.brief.title || current.title, kind: merged.brief.kind, stage: merged.brief.stage, updatedAt: Math.max(current.updatedAt, at) });
      return merged.brief.title;
    });
    return { ok: true, value: { planId, mode: 'merged', title } };
  } catch (error) {
    return storageFail(error);
  }
}
