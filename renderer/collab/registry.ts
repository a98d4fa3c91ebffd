/**
 * The collaboration controllers of the plans open right now, keyed by plan id, so the
 * header, dialogs and editor can find the one for the plan they show.
 */
import type { PlanCollab } from './planCollab';

export interface CollabRegistry {
  get(planId: string): PlanCollab | undefined;
  add(collab: PlanCollab): void;
  /** Removes `collab` only if it is still the registered one (StrictMode opens plans twice). */
  remove(collab: PlanCollab): void;
  subscribe(listener: () => void): () => void;
}

export function createCollabRegistry(): CollabRegistry {
  const byPlan = new Map<string, PlanCollab>();
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };
  return {
    get: (planId) => byPlan.get(planId),
    add: (collab) => {
      byPlan.set(collab.planId, collab);
      notify();
    },
    remove: (collab) => {
      if (byPlan.get(collab.planId) !== collab) return;
      byPlan.delete(collab.planId);
      notify();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
