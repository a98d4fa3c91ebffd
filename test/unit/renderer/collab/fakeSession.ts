import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { PlanSyncOptions, PlanSyncSession, StatusListener, SyncStatus } from '../../../../renderer/sync/session';

/** A stand-in for startPlanSync: records every start and lets tests drive the status. */
export class FakeSession implements PlanSyncSession {
  destroyed = false;
  online = true;
  readonly awareness: Awareness;
  private readonly listeners = new Set<StatusListener>();
  private current: SyncStatus;

  constructor(
    readonly doc: Y.Doc,
    readonly options: PlanSyncOptions,
  ) {
    this.awareness = options.awareness ?? new Awareness(doc);
    this.current = { state: 'connecting', signaling: options.signalingUrls.map((url) => ({ url, connected: false })), peers: [], lastSyncedAt: null, lastSyncedWith: null, problems: [], stuckRecoveries: 0 };
  }

  status(): SyncStatus {
    return this.current;
  }
  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(patch: Partial<SyncStatus>): void {
    this.current = { ...this.current, ...patch };
    for (const l of [...this.listeners]) l(this.current);
  }
  reconnect(): void {
    this.online = true;
  }
  disconnect(): void {
    this.online = false;
  }
  destroy(): void {
    this.destroyed = true;
    // Like y-webrtc: the provider removes our awareness state when it goes.
    this.awareness.setLocalState(null);
  }
}

export function fakeStartSync(onStart?: (session: FakeSession) => void): { start: (doc: Y.Doc, options: PlanSyncOptions) => Promise<PlanSyncSession>; sessions: FakeSession[] } {
  const sessions: FakeSession[] = [];
  return {
    sessions,
    start: (doc, options) => {
      const session = new FakeSession(doc, options);
      sessions.push(session);
      onStart?.(session);
      return Promise.resolve(session);
    },
  };
}
