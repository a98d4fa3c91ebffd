/**
 * "Open" on the capture confirmation: the insights section shows this insight scrolled into view
 * and focused. Kept outside the route because it is a one-off request, not a place. The card may
 * mount later (the plan is still opening) or already be on screen, so both are covered.
 */
let pending: string | null = null;
const listeners = new Set<() => void>();

export function requestInsightFocus(insightId: string): void {
  pending = insightId;
  for (const l of [...listeners]) l();
}

/** Calls `focus` once when this insight is (or becomes) the requested one; returns the unsubscribe. */
export function whenInsightFocusRequested(insightId: string, focus: () => void): () => void {
  const check = (): void => {
    if (pending !== insightId) return;
    pending = null;
    focus();
  };
  check();
  listeners.add(check);
  return () => listeners.delete(check);
}
