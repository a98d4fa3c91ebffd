/**
 * Joining a plan from an invite. The plan's members are found through a temporary session on
 * a fresh document; once the plan arrived (its id is in the document's meta), it is stored as
 * a new library entry (or the existing one is re-linked) and opened like any local plan. A
 * short code has no plan id, so this is also how the app learns which plan it joined.
 * Nothing is written before the plan arrives: a wrong code leaves no trace.
 */
import * as Y from 'yjs';
import { validatePlanId, type Invite } from '../../shared/invite';
import { err, ok, type Result } from '../../shared/result';
import { readBrief, readMeta } from '../domain';
import { getPlan, persistDoc, putPlanMeta, type LockstepDB } from '../storage';
import type { SyncStatus } from '../sync/session';
import type { StartSync } from './planCollab';
import { makeShare, saveShare } from './shareData';

export interface JoinDeps {
  db: LockstepDB;
  startSync: StartSync;
  signalingUrls: () => string[];
  iceServers: () => RTCIceServer[];
  now?: () => number;
}

export type JoinProgress =
  | { step: 'looking'; signaling: SyncStatus['signaling']; peers: number }
  | { step: 'receiving' }
  | { step: 'saving' };

export interface JoinOptions {
  signal?: AbortSignal;
  onProgress?: (progress: JoinProgress) => void;
  /** How long to keep receiving after the plan's id arrived, waiting for a completed sync. */
  settleMs?: number;
}

/** Checked on every update while joining: only the meta is read, not the whole plan. */
function arrivedPlanId(doc: Y.Doc): string | null {
  const id = readMeta(doc).planId;
  return id !== '' && validatePlanId(id).ok ? id : null;
}

export async function joinPlan(deps: JoinDeps, invite: Invite, options: JoinOptions = {}): Promise<Result<{ planId: string }>> {
  const signalingUrls = [...new Set([...invite.signaling, ...deps.signalingUrls()])].slice(0, 8);
  if (signalingUrls.length === 0) {
    return err('join/no-signaling', 'This invite has no meeting point. Add the workshop address (ws://…) after the code, or add a signaling server in Settings → Connection.');
  }
  const now = deps.now ?? Date.now;
  // Already here (an old copy, or the plan was left earlier): link it again and open it.
  if (invite.planId !== null) {
    const existing = await getPlan(deps.db, invite.planId);
    if (existing.ok && existing.value !== null && !existing.value.corrupt) {
      const saved = await saveShare(deps.db, invite.planId, makeShare(invite.secret, invite.signaling, now()));
      return saved.ok ? ok({ planId: invite.planId }) : saved;
    }
  }

  const doc = new Y.Doc();
  let session: Awaited<ReturnType<StartSync>> | null = null;
  try {
    session = await deps.startSync(doc, { secret: invite.secret, signalingUrls, iceServers: deps.iceServers() });
    const started = session;
    const planId = await new Promise<string | null>((resolve) => {
      let settleTimer: ReturnType<typeof setTimeout> | null = null;
      let found: string | null = null;
      const finish = (value: string | null): void => {
        doc.off('update', check);
        stopStatus();
        options.signal?.removeEventListener('abort', onAbort);
        if (settleTimer !== null) clearTimeout(settleTimer);
        resolve(value);
      };
      const onAbort = (): void => finish(null);
      const check = (): void => {
        const status = started.status();
        if (found === null) {
          found = arrivedPlanId(doc);
          if (found === null) {
            options.onProgress?.({ step: 'looking', signaling: status.signaling, peers: status.peers.filter((p) => p.connected).length });
            return;
          }
          options.onProgress?.({ step: 'receiving' });
          settleTimer = setTimeout(() => finish(found), options.settleMs ?? 4000);
        }
        // The first completed exchange means we hold everything that peer had.
        if (status.peers.some((p) => p.synced)) finish(found);
      };
      const stopStatus = started.onStatus(check);
      doc.on('update', check);
      options.signal?.addEventListener('abort', onAbort);
      if (options.signal?.aborted) onAbort();
      else check();
    });
    if (planId === null) return err('join/cancelled', 'Joining was cancelled.');
    if (invite.planId !== null && invite.planId !== planId) {
      return err('join/mismatch', 'The people behind this invite have a different plan than the link names. Ask for a new invite.');
    }
    options.onProgress?.({ step: 'saving' });
    session.destroy();
    session = null;
    return await storeJoinedPlan(deps.db, planId, doc, makeShare(invite.secret, invite.signaling, now()));
  } catch (cause) {
    return err('join/failed', cause instanceof Error ? cause.message : 'Joining did not work.');
  } finally {
    session?.destroy();
    doc.destroy();
  }
}

async function storeJoinedPlan(db: LockstepDB, planId: string, received: Y.Doc, share: ReturnType<typeof makeShare>): Promise<Result<{ planId: string }>> {
  const existing = await getPlan(db, planId);
  if (!existing.ok) return err(existing.error.code, existing.error.message);
  // The received doc is stored as it is: whatever this device already holds of the plan is
  // merged into it by the load, and the compaction writes the union as one row. No second copy
  // of the plan is built (for a large plan that was a full encode and apply more to wait for).
  const persistence = persistDoc(db, planId, received, { compactOnOpen: false });
  try {
    const loaded = await persistence.whenLoaded;
    if (!loaded.ok) return err(loaded.error?.code ?? 'storage/unavailable', loaded.message ?? 'The plan could not be stored.');
    await persistence.compact();
    if (existing.value !== null && !existing.value.corrupt) {
      const saved = await saveShare(db, planId, share);
      return saved.ok ? ok({ planId }) : saved;
    }
    const brief = readBrief(received);
    const written = await putPlanMeta(db, { id: planId, title: brief.title, kind: brief.kind, stage: brief.stage, share });
    return written.ok ? ok({ planId }) : err(written.error.code, written.error.message);
  } finally {
    await persistence.destroy().catch(() => undefined);
  }
}
