import * as Y from 'yjs';
import type { Result } from '../../shared/result';
import { ROOTS } from '../domain';
import type { LockstepDB, StorageProblem } from '../storage';
import { latestSnapshotState, listSnapshots, storeSnapshot, type SnapshotInfo, type SnapshotTrigger } from './snapshotStore';

export interface AutoTrigger {
  trigger: SnapshotTrigger;
  /** The new stage, the weekly sync's id, …: also used to avoid duplicates. */
  detail: string;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);

const DESCRIPTION: Record<SnapshotTrigger, (detail: string) => string> = {
  'stage-change': (d) => `Stage changed to ${d}`,
  'weekly-sync': () => 'Weekly sync',
  'before-restore': (d) => `Before restoring “${d}”`,
  'before-import': () => 'Before merging an imported file',
};

/**
 * Takes an automatic snapshot unless it would be a duplicate: nothing changed since the newest
 * snapshot, or (for weekly syncs) this sync already has one. The state is encoded at call time.
 * Returns the new snapshot, or null when skipped.
 */
export async function maybeAutoSnapshot(
  db: LockstepDB,
  planId: string,
  doc: Y.Doc,
  trigger: AutoTrigger,
  options: { byName?: string; now?: number } = {},
): Promise<Result<SnapshotInfo | null, StorageProblem>> {
  const state = Y.encodeStateAsUpdate(doc);
  try {
    if (trigger.trigger === 'weekly-sync') {
      const listed = await listSnapshots(db, planId);
      if (!listed.ok) return listed;
      if (listed.value.some((s) => s.trigger === 'weekly-sync' && s.detail === trigger.detail)) return { ok: true, value: null };
    }
    const latest = await latestSnapshotState(db, planId);
    if (latest && sameBytes(latest, state)) return { ok: true, value: null };
  } catch {
    // The duplicate check is only an optimisation: if it cannot read, still try to store.
  }
  return storeSnapshot(db, planId, state, {
    kind: 'auto',
    trigger: trigger.trigger,
    detail: trigger.detail,
    name: DESCRIPTION[trigger.trigger](trigger.detail),
    ...(options.byName !== undefined ? { byName: options.byName } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
}

export interface AutoSnapshotWatch {
  /** Resolves when every snapshot started so far is stored (or failed). */
  idle(): Promise<void>;
  dispose(): void;
}

/**
 * For an open plan session: snapshots after every stage change and when a weekly sync is
 * added, whoever made the change (a colleague's stage change arriving by sync counts too:
 * snapshots are local, each computer keeps its own). Attach after the plan has loaded from
 * disk, so loading itself does not count as a change. The weekly-sync module can also call
 * `maybeAutoSnapshot(db, planId, doc, { trigger: 'weekly-sync', detail: syncId })` itself,
 * e.g. when a meeting is closed; duplicates per sync id are skipped.
 */
export function watchAutoSnapshots(
  db: LockstepDB,
  planId: string,
  doc: Y.Doc,
  options: { byName?: string; now?: () => number; onError?: (problem: StorageProblem) => void } = {},
): AutoSnapshotWatch {
  const brief = doc.getMap<unknown>(ROOTS.brief);
  let knownSyncs: Set<string> | null = doc.share.has(ROOTS.syncs) ? new Set(syncKeys(doc)) : null;
  let queue: Promise<void> = Promise.resolve();
  let lastStage = brief.get('stage');

  const enqueue = (trigger: AutoTrigger): void => {
    // Encode now (inside this event), store later, one at a time in order.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const byName = options.byName;
    const at = options.now?.();
    queue = queue.then(async () => {
      const result = await maybeAutoSnapshot(db, planId, copy, trigger, {
        ...(byName !== undefined ? { byName } : {}),
        ...(at !== undefined ? { now: at } : {}),
      });
      copy.destroy();
      if (!result.ok) options.onError?.(result.error);
    });
  };

  const onAfterTransaction = (tr: Y.Transaction): void => {
    const stage = brief.get('stage');
    const stageTouched = [...tr.changed].some(([type, keys]) => (type as unknown) === brief && keys.has('stage'));
    if (stageTouched && typeof stage === 'string' && stage !== lastStage) {
      lastStage = stage;
      enqueue({ trigger: 'stage-change', detail: stage });
    }
    // Only look at syncs once some module has created that root (never type it ourselves).
    if (doc.share.has(ROOTS.syncs)) {
      const keys = syncKeys(doc);
      if (knownSyncs === null) knownSyncs = new Set();
      for (const key of keys) {
        if (!knownSyncs.has(key)) {
          knownSyncs.add(key);
          enqueue({ trigger: 'weekly-sync', detail: key });
        }
      }
    }
  };
  doc.on('afterTransaction', onAfterTransaction);
  return {
    idle: () => queue,
    dispose: () => doc.off('afterTransaction', onAfterTransaction),
  };
}

function syncKeys(doc: Y.Doc): string[] {
  const root = doc.share.get(ROOTS.syncs);
  if (!(root instanceof Y.Map)) return [];
  return [...(root as Y.Map<unknown>).keys()];
}
