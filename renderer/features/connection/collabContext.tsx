import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { CollabRuntime } from '../../collab/runtime';
import type { CollabSnapshot, PlanCollab } from '../../collab/planCollab';
import { readPeers, type PeerPresence } from '../../sync/presence';

const CollabContext = createContext<CollabRuntime | null>(null);

export function CollabProvider({ runtime, children }: { runtime: CollabRuntime; children: ReactNode }) {
  return <CollabContext.Provider value={runtime}>{children}</CollabContext.Provider>;
}

/** The collaboration runtime, or null where it is not provided (tests of other features). */
export function useCollabRuntime(): CollabRuntime | null {
  return useContext(CollabContext);
}

const noop = (): (() => void) => () => undefined;

/** The open plan's collaboration controller (registered when the plan session attached it). */
export function usePlanCollab(planId: string): PlanCollab | undefined {
  const runtime = useCollabRuntime();
  return useSyncExternalStore(
    runtime ? runtime.registry.subscribe : noop,
    () => runtime?.registry.get(planId),
  );
}

const EMPTY_SNAPSHOT = (planId: string): CollabSnapshot => ({ planId, phase: 'local', share: null, sync: null, signalingUrls: [], error: null });

export function useCollabSnapshot(collab: PlanCollab | undefined, planId: string): CollabSnapshot {
  const fallback = useRef(EMPTY_SNAPSHOT(planId));
  return useSyncExternalStore(collab ? (l) => collab.subscribe(l) : noop, () => collab?.snapshot() ?? fallback.current);
}

/** Everyone else in the plan with a valid presence, re-read on every awareness change. */
export function usePeers(collab: PlanCollab | undefined): PeerPresence[] {
  const [peers, setPeers] = useState<PeerPresence[]>(() => (collab ? readPeers(collab.awareness) : []));
  useEffect(() => {
    if (!collab) {
      setPeers([]);
      return undefined;
    }
    const awareness = collab.awareness;
    let last = '';
    const refresh = (): void => {
      const next = readPeers(awareness);
      // Carets move on every keystroke; only re-render when what we show changed.
      const key = JSON.stringify(next.map((p) => [p.clientId, p.user, p.section, p.followId]));
      if (key === last) return;
      last = key;
      setPeers(next);
    };
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [collab]);
  return peers;
}
