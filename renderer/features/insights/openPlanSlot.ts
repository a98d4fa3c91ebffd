import type { PlanSession } from '../../workspace/planSession';

/**
 * The plan open on screen, published by the workspace (QuickInsightCapture) for the app-wide
 * quick capture, which lives outside the plan's React context. Capturing into the open plan goes
 * through its live session, so the insight shows at once and is one step on the plan's undo.
 */
let current: PlanSession | null = null;
const listeners = new Set<() => void>();

export function publishOpenPlan(session: PlanSession | null): void {
  if (current === session) return;
  current = session;
  for (const l of [...listeners]) l();
}

export const currentOpenPlan = (): PlanSession | null => current;

export function onOpenPlanChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Unpublishes only if it is still the published one (a newer plan may have replaced it). */
export function withdrawOpenPlan(session: PlanSession): void {
  if (current === session) publishOpenPlan(null);
}
