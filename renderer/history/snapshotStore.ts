import * as Y from 'yjs';
import { z } from 'zod';
import type { Result } from '../../shared/result';
import { storageProblemFrom, type LockstepDB, type SnapshotRow, type StorageProblem } from '../storage';

/**
 * Snapshots of a plan, stored in the `snapshots` table (renderer/storage/db.ts). Each row holds
 * the plan's whole state as one Yjs update (`Y.encodeStateAsUpdate`), so opening one needs no
 * history and no gc trick: apply it into a fresh Y.Doc. Snapshots are local to this computer;
 * they are never synced (each peer keeps its own).
 *
 * Extra metadata rides on the row next to the fields storage declares; rows are validated on
 * read, so a damaged row is listed as unreadable instead of breaking the list.
 */
export const SNAPSHOT_TRIGGERS = ['stage-change', 'weekly-sync', 'before-restore', 'before-import'] as const;
export type SnapshotTrigger = (typeof SNAPSHOT_TRIGGERS)[number];

export interface SnapshotMeta {
  kind: 'named' | 'auto';
  /** Why an automatic snapshot was taken; absent for named ones. */
  trigger?: SnapshotTrigger;
  /** Trigger detail: the new stage, the weekly sync's id, the restored snapshot's name. */
  detail?: string;
  /** Display name of the person whose app took it. */
  byName?: string;
}

type StoredSnapshot = SnapshotRow & SnapshotMeta;

export interface SnapshotInfo extends SnapshotMeta {
  id: number;
  planId: string;
  createdAt: number;
  /** User-given name for named snapshots; an English description for automatic ones. */
  name: string;
  bytes: number;
}

/** Automatic snapshots kept per plan; the oldest automatic ones go first. Named ones are never pruned. */
export const MAX_AUTO_SNAPSHOTS = 100;
export const MAX_SNAPSHOT_NAME = 120;

const RowSchema = z.object({
  id: z.number().int(),
  docId: z.string(),
  createdAt: z.number().finite(),
  name: z.string().max(1000).catch(''),
  state: z.custom<Uint8Array>((v) => Object.prototype.toString.call(v) === '[object Uint8Array]'),
  kind: z.enum(['named', 'auto']).catch('named'),
  trigger: z.enum(SNAPSHOT_TRIGGERS).optional().catch(undefined),
  detail: z.string().max(200).optional().catch(undefined),
  byName: z.string().max(200).optional().catch(undefined),
});

function toInfo(raw: unknown): SnapshotInfo | null {
  const parsed = RowSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { state, docId, trigger, detail, byName, ...rest } = parsed.data;
  return {
    ...rest,
    planId: docId,
    bytes: state.byteLength,
    ...(trigger !== undefined ? { trigger } : {}),
    ...(detail !== undefined ? { detail } : {}),
    ...(byName !== undefined ? { byName } : {}),
  };
}

const listeners = new Set<(planId: string) => void>();

/** Called after a snapshot of any plan was stored or deleted (e.g. to refresh a list). */
export function onSnapshotsChanged(listener: (planId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(planId: string): void {
  for (const listener of [...listeners]) listener(planId);
}

export interface NewSnapshot extends SnapshotMeta {
  name: string;
  now?: number;
}

/** Stores the doc's current state as a snapshot. The state is encoded synchronously, at call time. */
export async function createSnapshot(db: LockstepDB, planId: string, doc: Y.Doc, input: NewSnapshot): Promise<Result<SnapshotInfo, StorageProblem>> {
  return storeSnapshot(db, planId, Y.encodeStateAsUpdate(doc), input);
}

export async function storeSnapshot(db: LockstepDB, planId: string, state: Uint8Array, input: NewSnapshot): Promise<Result<SnapshotInfo, StorageProblem>> {
  const name = input.name.replace(/[\r\n]+/g, ' ').trim().slice(0, MAX_SNAPSHOT_NAME);
  const row: StoredSnapshot = {
    docId: planId,
    createdAt: input.now ?? Date.now(),
    name,
    state,
    kind: input.kind,
    ...(input.trigger !== undefined ? { trigger: input.trigger } : {}),
    ...(input.detail !== undefined ? { detail: input.detail.slice(0, 200) } : {}),
    ...(input.byName !== undefined ? { byName: input.byName.slice(0, 200) } : {}),
  };
  try {
    const id = await db.transaction('rw', db.snapshots, async () => {
      const added = await db.snapshots.add(row);
      if (input.kind === 'auto') await pruneAuto(db, planId);
      return added;
    });
    const info = toInfo({ ...row, id });
    changed(planId);
    if (!info) return { ok: false, error: { code: 'storage/invalid', message: 'The snapshot could not be stored.' } };
    return { ok: true, value: info };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}

async function pruneAuto(db: LockstepDB, planId: string): Promise<void> {
  const rows = await db.snapshots.where('docId').equals(planId).sortBy('createdAt');
  const autos = rows.filter((r) => (r as StoredSnapshot).kind === 'auto');
  const excess = autos.length - MAX_AUTO_SNAPSHOTS;
  if (excess > 0) await db.snapshots.bulkDelete(autos.slice(0, excess).flatMap((r) => (r.id === undefined ? [] : [r.id])));
}

/** Newest first. Unreadable rows are left out (and left on disk). */
export async function listSnapshots(db: LockstepDB, planId: string): Promise<Result<SnapshotInfo[], StorageProblem>> {
  try {
    const rows: unknown[] = await db.snapshots.where('docId').equals(planId).toArray();
    const infos = rows.map(toInfo).filter((i): i is SnapshotInfo => i !== null);
    infos.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    return { ok: true, value: infos };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'read') };
  }
}

export interface LoadedSnapshot {
  info: SnapshotInfo;
  state: Uint8Array;
}

export async function loadSnapshot(db: LockstepDB, planId: string, id: number): Promise<Result<LoadedSnapshot, StorageProblem>> {
  try {
    const raw: unknown = await db.snapshots.get(id);
    const parsed = RowSchema.safeParse(raw);
    const info = toInfo(raw);
    if (!parsed.success || !info || info.planId !== planId) {
      return { ok: false, error: { code: 'storage/not-found', message: 'This snapshot is no longer available.' } };
    }
    return { ok: true, value: { info, state: parsed.data.state } };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'read') };
  }
}

export async function deleteSnapshot(db: LockstepDB, planId: string, id: number): Promise<Result<void, StorageProblem>> {
  try {
    await db.transaction('rw', db.snapshots, async () => {
      const row = await db.snapshots.get(id);
      if (row?.docId === planId) await db.snapshots.delete(id);
    });
    changed(planId);
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}

/** The newest snapshot's raw state, for "did anything change since" checks. */
export async function latestSnapshotState(db: LockstepDB, planId: string): Promise<Uint8Array | null> {
  const rows: unknown[] = await db.snapshots.where('docId').equals(planId).toArray();
  let best: { at: number; id: number; state: Uint8Array } | null = null;
  for (const raw of rows) {
    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { createdAt: at, id, state } = parsed.data;
    if (!best || at > best.at || (at === best.at && id > best.id)) best = { at, id, state };
  }
  return best?.state ?? null;
}
