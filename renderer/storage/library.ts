import * as Y from 'yjs';
import { z } from 'zod';
import type { Result } from '../../shared/result';
import type { LockstepDB, PlanRow } from './db';
import { problem, storageProblemFrom, type StorageProblem } from './errors';
import { appendUpdate, applyStoredUpdates, findDocNumber, seqRange } from './docUpdates';

const flag = z.union([z.literal(0), z.literal(1)]);
const time = z.number().nonnegative();

/** What a library row must look like; anything else is listed as corrupt, never thrown. */
export const planRowSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(500),
  kind: z.enum(['launch', 'campaign', 'offer-change']),
  stage: z.string().max(100),
  updatedAt: time,
  createdAt: time,
  pinned: flag,
  archived: flag,
  deletedAt: time.nullable(),
  role: z.string().max(100).optional(),
  share: z.unknown().optional(),
});

/** Input for create/update: bookkeeping fields default sensibly. */
export const planMetaInputSchema = planRowSchema.partial({
  stage: true,
  updatedAt: true,
  createdAt: true,
  pinned: true,
  archived: true,
  deletedAt: true,
});
export type PlanMetaInput = z.input<typeof planMetaInputSchema>;

export type PlanEntry = PlanRow & { corrupt?: false };

/** A row that failed validation: listed so the library still opens, with a plain reason. */
export interface CorruptPlanEntry {
  corrupt: true;
  id: string;
  /** Best-effort title for the list ("Unreadable plan" when none survives). */
  title: string;
  reason: string;
  raw: unknown;
}

export type LibraryEntry = PlanEntry | CorruptPlanEntry;

export interface ListOptions {
  includeArchived?: boolean;
  includeDeleted?: boolean;
}

/** Deleted plans stay restorable this long before `purgeDeleted` removes them. */
export const DELETE_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

function toEntry(raw: unknown, key: unknown): LibraryEntry {
  const parsed = planRowSchema.safeParse(raw);
  if (parsed.success) return stripUndefined(parsed.data) as PlanEntry;
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const title = typeof record['title'] === 'string' && record['title'].length > 0 ? record['title'].slice(0, 200) : 'Unreadable plan';
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'row')))].join(', ');
  return {
    corrupt: true,
    id: typeof key === 'string' ? key : String(key),
    title,
    reason: `This plan's library entry is damaged (${fields}). Its content was not touched.`,
    raw,
  };
}

// zod keeps `role: undefined` for absent optionals; exactOptionalPropertyTypes wants them gone.
// The cast restates the caller's type minus explicit undefineds, which is what the filter does.
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The library: every row, corrupt ones included (marked), archived/deleted hidden unless
 * asked. Pinned first, then most recently updated. Scans the table instead of using an index
 * because an index silently skips rows whose indexed field is missing or mistyped.
 */
export async function listPlans(db: LockstepDB, opts: ListOptions = {}): Promise<Result<LibraryEntry[], StorageProblem>> {
  try {
    const rows: unknown[] = await db.plans.toArray();
    const entries = rows.map((row) => toEntry(row, (row as { id?: unknown } | null)?.id));
    const visible = entries.filter((e) => {
      if (e.corrupt) return true;
      if (!opts.includeDeleted && e.deletedAt !== null) return false;
      if (!opts.includeArchived && e.archived === 1) return false;
      return true;
    });
    visible.sort(compareEntries);
    return { ok: true, value: visible };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'read') };
  }
}

function compareEntries(a: LibraryEntry, b: LibraryEntry): number {
  if (a.corrupt !== b.corrupt) return a.corrupt ? 1 : -1;
  if (a.corrupt || b.corrupt) return a.id.localeCompare(b.id);
  return b.pinned - a.pinned || b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);
}

export async function getPlan(db: LockstepDB, id: string): Promise<Result<LibraryEntry | null, StorageProblem>> {
  try {
    const row: unknown = await db.plans.get(id);
    return { ok: true, value: row === undefined ? null : toEntry(row, id) };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'read') };
  }
}

/** Creates or replaces a plan's library row. Invalid input is refused, not stored. */
export async function putPlanMeta(db: LockstepDB, meta: PlanMetaInput, now = Date.now()): Promise<Result<PlanRow, StorageProblem>> {
  const parsed = planMetaInputSchema.safeParse(meta);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'plan')))].join(', ');
    return { ok: false, error: problem('storage/invalid', `The plan details are not valid (${fields}).`) };
  }
  const input = parsed.data;
  try {
    const row = await db.transaction('rw', db.plans, async () => {
      const existing = planRowSchema.safeParse(await db.plans.get(input.id));
      const previous = existing.success ? existing.data : undefined;
      const next = stripUndefined({
        ...input,
        stage: input.stage ?? previous?.stage ?? 'draft',
        createdAt: input.createdAt ?? previous?.createdAt ?? now,
        updatedAt: input.updatedAt ?? now,
        pinned: input.pinned ?? previous?.pinned ?? 0,
        archived: input.archived ?? previous?.archived ?? 0,
        deletedAt: input.deletedAt !== undefined ? input.deletedAt : (previous?.deletedAt ?? null),
        role: input.role ?? previous?.role,
        share: input.share !== undefined ? input.share : previous?.share,
      }) as PlanRow;
      await db.plans.put(next);
      return next;
    });
    return { ok: true, value: row };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}

/** Applies `change` to a valid row; corrupt or missing rows are reported, never overwritten. */
async function modifyPlan(
  db: LockstepDB,
  id: string,
  change: (row: PlanRow) => Partial<PlanRow>,
): Promise<Result<PlanRow, StorageProblem>> {
  try {
    const result = await db.transaction('rw', db.plans, async (): Promise<Result<PlanRow, StorageProblem>> => {
      const raw: unknown = await db.plans.get(id);
      if (raw === undefined) return { ok: false, error: problem('storage/not-found', 'That plan is no longer in the library.') };
      const parsed = planRowSchema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: problem('storage/invalid', "This plan's library entry is damaged, so it was left as it is.") };
      }
      const current = stripUndefined(parsed.data) as PlanRow;
      const next = stripUndefined({ ...current, ...change(current) });
      await db.plans.put(next);
      return { ok: true, value: next };
    });
    return result;
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}

export const setPinned = (db: LockstepDB, id: string, pinned: boolean) =>
  modifyPlan(db, id, () => ({ pinned: pinned ? 1 : 0 }));

export const setArchived = (db: LockstepDB, id: string, archived: boolean) =>
  modifyPlan(db, id, () => ({ archived: archived ? 1 : 0 }));

/** Records that the plan's content changed (the library sorts by it). */
export const touchPlan = (db: LockstepDB, id: string, at = Date.now()) =>
  modifyPlan(db, id, (row) => ({ updatedAt: Math.max(row.updatedAt, at) }));

/** Hides the plan; its content stays until `purgeDeleted` runs after the grace period. */
export const softDelete = (db: LockstepDB, id: string, now = Date.now()) =>
  modifyPlan(db, id, () => ({ deletedAt: now }));

/** The undo for `softDelete`. */
export const restoreDeleted = (db: LockstepDB, id: string) => modifyPlan(db, id, () => ({ deletedAt: null }));

/**
 * Removes plans deleted more than `graceMs` ago, with their updates, snapshots and
 * quarantined rows, one transaction per plan. Returns the ids removed.
 */
export async function purgeDeleted(
  db: LockstepDB,
  opts: { now?: number; graceMs?: number } = {},
): Promise<Result<string[], StorageProblem>> {
  const cutoff = (opts.now ?? Date.now()) - (opts.graceMs ?? DELETE_GRACE_MS);
  try {
    const listed = await listPlans(db, { includeArchived: true, includeDeleted: true });
    if (!listed.ok) return listed;
    const due = listed.value.filter((e): e is PlanEntry => !e.corrupt && e.deletedAt !== null && e.deletedAt <= cutoff);
    const removed: string[] = [];
    for (const plan of due) {
      await db.transaction('rw', [db.plans, db.docNumbers, db.docUpdates, db.snapshots, db.quarantine], async () => {
        // Re-check inside the transaction: an undo may have happened since the list was read.
        const current = planRowSchema.safeParse(await db.plans.get(plan.id));
        if (!current.success || current.data.deletedAt === null || current.data.deletedAt > cutoff) return;
        // The doc's number stays given out (docUpdates.ts): nothing may ever reuse it.
        const no = await findDocNumber(db, plan.id);
        if (no !== null) await seqRange(db, no).delete();
        await db.snapshots.where('docId').equals(plan.id).delete();
        await db.quarantine.where('docId').equals(plan.id).delete();
        await db.plans.delete(plan.id);
        removed.push(plan.id);
      });
    }
    return { ok: true, value: removed };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}

/**
 * Copies a plan as a new, unshared plan whose content is the source's state as one update.
 * Flush the source's DocPersistence first if it is open, or its last edits are not copied.
 */
export async function duplicatePlan(
  db: LockstepDB,
  id: string,
  newId: string,
  newTitle: string,
  now = Date.now(),
): Promise<Result<PlanRow, StorageProblem>> {
  try {
    return await db.transaction('rw', db.plans, db.docNumbers, db.docUpdates, async (): Promise<Result<PlanRow, StorageProblem>> => {
      const source = planRowSchema.safeParse(await db.plans.get(id));
      if (!source.success) return { ok: false, error: problem('storage/not-found', 'The plan to copy could not be read.') };
      if ((await db.plans.get(newId)) !== undefined) {
        return { ok: false, error: problem('storage/invalid', 'A plan with that id already exists.') };
      }
      const candidate = planRowSchema.safeParse({
        ...source.data,
        id: newId,
        title: newTitle,
        createdAt: now,
        updatedAt: now,
        pinned: 0,
        archived: 0,
        deletedAt: null,
        // A copy is a new private plan: never inherit the room secret.
        share: undefined,
      });
      if (!candidate.success) return { ok: false, error: problem('storage/invalid', 'The new plan name is not valid.') };
      const doc = new Y.Doc();
      await applyStoredUpdates(db, id, doc);
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const row = stripUndefined(candidate.data) as PlanRow;
      await appendUpdate(db, newId, state);
      await db.plans.add(row);
      return { ok: true, value: row };
    });
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}

export interface PlanStorageBytes {
  updateRows: number;
  updates: number;
  snapshots: number;
  quarantined: number;
  total: number;
}

/** Payload bytes a plan occupies (IndexedDB's own overhead is not observable from here). */
export async function planStorageBytes(db: LockstepDB, id: string): Promise<Result<PlanStorageBytes, StorageProblem>> {
  try {
    return await db.transaction('r', db.docNumbers, db.docUpdates, db.snapshots, db.quarantine, async () => {
      let updates = 0;
      let updateRows = 0;
      const no = await findDocNumber(db, id);
      if (no !== null) {
        await seqRange(db, no).each((value: unknown) => {
          updateRows += 1;
          updates += byteLength(value);
        });
      }
      let snapshots = 0;
      await db.snapshots.where('docId').equals(id).each((row) => {
        snapshots += byteLength(row.state);
      });
      let quarantined = 0;
      await db.quarantine.where('docId').equals(id).each((row) => {
        // Set aside since schema 2: the value as stored; before: the whole {docId, seq, update} row.
        const value = row.value as { update?: unknown } | null;
        quarantined += byteLength(row.value) || byteLength(value?.update);
      });
      const value: PlanStorageBytes = { updateRows, updates, snapshots, quarantined, total: updates + snapshots + quarantined };
      return { ok: true, value } as const;
    });
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'read') };
  }
}

const byteLength = (value: unknown): number =>
  value instanceof Uint8Array || value instanceof ArrayBuffer ? value.byteLength : 0;
