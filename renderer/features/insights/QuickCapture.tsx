import { useEffect } from 'react';
import { usePlanSession } from '../../app/usePlan';
import { publishOpenPlan, withdrawOpenPlan } from './openPlanSlot';

/**
 * Rendered inside an open plan. The quick-capture dialog itself is app-wide (GlobalQuickCapture,
 * mounted once in the app shell); this tells it which plan is open, so Ctrl/Cmd+Shift+K inside a
 * plan defaults to that plan and writes through its live session (shown at once, undoable).
 */
export function QuickInsightCapture() {
  const session = usePlanSession();
  useEffect(() => {
    publishOpenPlan(session);
    return () => withdrawOpenPlan(session);
  }, [session]);
  return null;
}
