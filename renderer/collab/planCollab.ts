/**
 * One open plan's collaboration: its sync session (started only when the plan is shared),
 * its presence, invite rotation and leaving. Plain TypeScript; React reads it through
 * `snapshot()`/`subscribe()`.
 *
 * Sessions are restarted (destroy + start) when the secret or the signaling/ICE settings
 * change; restarts are serialised so two sessions for one plan never run at once. The
 * awareness instance belongs to the plan, not to a session, so the editor's live carets keep
 * working across restarts.
 */
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { err, ok, type Result } from '../../shared/result';
import type { LockstepDB } from '../storage';
import type { PlanSyncOptions, PlanSyncSession, SyncStatus } from '../sync/session';
import { clearLocalPresence, setLocalPresence, type PresenceUser } from '../sync/presence';
import { observeDocSecret, readDocSecret, writeDocSecret } from './docSecret';
import type { CollabEnvironment } from './environment';
import { loadShare, makeShare, saveShare, secretBytes, type ShareData } from './shareData';

export type StartSync = (doc: Y.Doc, options: PlanSyncOptions) => Promise<PlanSyncSession>;

export interface CollabDeps {
  db: LockstepDB;
  startSync: StartSync;
  environment: CollabEnvironment;
  /** The local person as peers see them; null before the first-run profile exists. */
  identity: () => PresenceUser | null;
  newSecret: () => Uint8Array;
  now?: () => number;
  /** How long a rotation keeps the old room open so the new secret reaches online members. */
  rotationHandoverMs?: number;
}

export type CollabPhase = 'loading' | 'local' | 'starting' | 'live' | 'failed';

export interface CollabSnapshot {
  planId: string;
  phase: CollabPhase;
  share: ShareData | null;
  /** The session's status while live; null otherwise. */
  sync: SyncStatus | null;
  /** The signaling URLs the session uses (invite's + this device's). */
  signalingUrls: string[];
  /** Plain-words reason when phase is 'failed'. */
  error: string | null;
}

export const DEFAULT_ROTATION_HANDOVER_MS = 1500;

export class PlanCollab {
  readonly awareness: Awareness;
  private session: PlanSyncSession | null = null;
  private stopStatus: (() => void) | null = null;
  private current: CollabSnapshot;
  private readonly listeners = new Set<() => void>();
  private chain: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly stopDocSecret: () => void;
  private readonly stopEnvironment: () => void;
  private presence: { section?: string; followId?: number } = {};
  private sessionKey = '';

  constructor(
    readonly planId: string,
    readonly doc: Y.Doc,
    private readonly deps: CollabDeps,
  ) {
    this.awareness = new Awareness(doc);
    this.current = { planId, phase: 'loading', share: null, sync: null, signalingUrls: [], error: null };
    this.publishPresence();
    this.stopDocSecret = observeDocSecret(doc, (value, local) => {
      // Our own writes (share, rotate) are handled where they are made.
      if (local || value === null) return;
      void this.followRotation(value.secret);
    });
    this.stopEnvironment = deps.environment.subscribe(() => this.enqueue(() => this.reconcile()));
    this.enqueue(async () => {
      const loaded = await loadShare(deps.db, planId);
      if (!loaded.ok) {
        this.update({ phase: 'failed', error: loaded.error.message });
        return;
      }
      let share = loaded.value;
      // A rotation may have arrived while this plan was closed (e.g. through another window).
      const inDoc = readDocSecret(doc);
      if (share !== null && inDoc !== null && inDoc.secret !== share.secret && secretBytes(inDoc) !== null) {
        share = { ...share, secret: inDoc.secret };
        await saveShare(deps.db, planId, share);
      }
      this.update({ share, phase: share === null ? 'local' : 'starting' });
      await this.reconcile();
    });
  }

  snapshot(): CollabSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for every queued start/stop to finish (tests, and callers that navigate after). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Shares the plan: creates its secret on first share and starts syncing. */
  share(): Promise<Result<ShareData>> {
    return this.enqueueResult(async () => {
      if (this.current.share !== null) return ok(this.current.share);
      const secret = this.deps.newSecret();
      const share = makeShare(secret, [], this.now());
      const saved = await saveShare(this.deps.db, this.planId, share);
      if (!saved.ok) return saved;
      writeDocSecret(this.doc, { secret: share.secret, at: share.sharedAt, by: this.deps.identity()?.name ?? '' });
      this.update({ share, phase: 'starting', error: null });
      await this.reconcile();
      return ok(share);
    });
  }

  /**
   * New secret: written into the document first, so members online now receive it over the
   * old room and follow; after a short handover this device moves to the new room. Anyone
   * holding only the old invite finds nobody there any more.
   */
  rotate(): Promise<Result<ShareData>> {
    return this.enqueueResult(async () => {
      const previous = this.current.share;
      if (previous === null) return err('share/not-shared', 'This plan is not shared yet.');
      const share = makeShare(this.deps.newSecret(), previous.signaling, this.now());
      writeDocSecret(this.doc, { secret: share.secret, at: share.sharedAt, by: this.deps.identity()?.name ?? '' });
      const saved = await saveShare(this.deps.db, this.planId, share);
      if (!saved.ok) return saved;
      if (this.session !== null && this.current.sync?.peers.some((p) => p.connected)) {
        await delay(this.deps.rotationHandoverMs ?? DEFAULT_ROTATION_HANDOVER_MS);
      }
      this.update({ share });
      await this.reconcile();
      return ok(share);
    });
  }

  /** Stops syncing this plan on this device. The shared document is left untouched. */
  leave(): Promise<Result<void>> {
    return this.enqueueResult(async () => {
      const saved = await saveShare(this.deps.db, this.planId, null);
      if (!saved.ok) return saved;
      this.update({ share: null, phase: 'local' });
      await this.reconcile();
      return ok(undefined);
    });
  }

  /** Drops every connection and signaling socket and starts again (e.g. after a network change). */
  reconnect(): void {
    this.session?.reconnect();
  }

  /** Goes offline without leaving: edits are saved locally and sync on reconnect(). */
  disconnect(): void {
    this.session?.disconnect();
  }

  setSection(section: string): void {
    this.presence = { ...this.presence, section };
    this.publishPresence();
  }

  setFollow(clientId: number | undefined): void {
    const { followId: _drop, ...rest } = this.presence;
    this.presence = clientId === undefined ? rest : { ...rest, followId: clientId };
    this.publishPresence();
  }

  /** Re-reads the local identity (e.g. after the profile was renamed). */
  refreshIdentity(): void {
    this.publishPresence();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.stopDocSecret();
    this.stopEnvironment();
    await this.chain;
    this.stopSession();
    clearLocalPresence(this.awareness);
    this.awareness.destroy();
    this.listeners.clear();
  }

  // -------------------------------------------------------------------------------------

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private publishPresence(): void {
    const user = this.deps.identity();
    if (user === null) return;
    setLocalPresence(this.awareness, {
      user,
      section: this.presence.section,
      followId: this.presence.followId,
    });
  }

  private async followRotation(secret: string): Promise<void> {
    this.enqueue(async () => {
      const share = this.current.share;
      if (share === null || share.secret === secret || secretBytes({ secret }) === null) return;
      const next = { ...share, secret };
      const saved = await saveShare(this.deps.db, this.planId, next);
      if (!saved.ok) {
        this.update({ error: saved.error.message });
        return;
      }
      this.update({ share: next });
      await this.reconcile();
    });
    return Promise.resolve();
  }

  /** Brings the session in line with the share and the environment; runs inside the chain. */
  private async reconcile(): Promise<void> {
    if (this.disposed) return;
    const share = this.current.share;
    const signalingUrls = share === null ? [] : [...new Set([...share.signaling, ...this.deps.environment.signalingUrls()])].slice(0, 8);
    const iceServers = this.deps.environment.iceServers();
    const key = share === null ? '' : JSON.stringify([share.secret, signalingUrls, iceServers]);
    if (key === this.sessionKey && (share === null || this.session !== null)) {
      return;
    }
    this.stopSession();
    this.sessionKey = key;
    if (share === null) {
      this.update({ phase: 'local', sync: null, signalingUrls: [] });
      return;
    }
    const secret = secretBytes(share);
    if (secret === null) {
      this.update({ phase: 'failed', error: 'The saved sharing details of this plan are damaged. Leave the plan and join it again.' });
      return;
    }
    this.update({ phase: 'starting', signalingUrls, sync: null, error: null });
    try {
      const session = await this.deps.startSync(this.doc, { secret, signalingUrls, iceServers, awareness: this.awareness });
      if (this.disposed) {
        session.destroy();
        return;
      }
      this.session = session;
      // y-webrtc clears our awareness state when a provider goes; publish it again.
      this.publishPresence();
      this.stopStatus = session.onStatus((status) => this.update({ sync: status }));
      this.update({ phase: 'live', sync: session.status() });
    } catch (cause) {
      this.sessionKey = '';
      this.update({ phase: 'failed', error: cause instanceof Error ? cause.message : 'Syncing could not start.' });
    }
  }

  private stopSession(): void {
    this.stopStatus?.();
    this.stopStatus = null;
    const session = this.session;
    this.session = null;
    if (session !== null) {
      try {
        session.destroy();
      } catch {
        // A failing teardown must not keep the plan from closing; the session is gone either way.
      }
    }
  }

  private update(patch: Partial<CollabSnapshot>): void {
    this.current = { ...this.current, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((cause: unknown) => {
      this.update({ phase: 'failed', error: cause instanceof Error ? cause.message : 'Syncing stopped unexpectedly.' });
    });
  }

  private enqueueResult<T>(task: () => Promise<Result<T>>): Promise<Result<T>> {
    return new Promise((resolve) => {
      this.enqueue(async () => {
        if (this.disposed) {
          resolve(err('share/closed', 'The plan was closed.'));
          return;
        }
        try {
          resolve(await task());
        } catch (cause) {
          resolve(err('share/failed', cause instanceof Error ? cause.message : 'That did not work.'));
        }
      });
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
