import { useEffect, useState } from 'react';
import type { Actor } from '../../domain';
import { openPlanSession, type PlanSession } from '../../workspace/planSession';
import { reloadLibrary } from '../../features/library/actions';
import { useAppStore } from '../../state/store';
import { useServices } from '../services';

export type OpenState = { status: 'opening' } | { status: 'ready'; session: PlanSession } | { status: 'error'; code: string; message: string };

/** Opens the plan for as long as the component is mounted; disposes (and flushes) on leave. */
export function useOpenPlan(planId: string, actor: Actor): OpenState {
  const services = useServices();
  const [state, setState] = useState<OpenState>({ status: 'opening' });
  useEffect(() => {
    let cancelled = false;
    let opened: PlanSession | null = null;
    setState({ status: 'opening' });
    const attach = services.attachSync;
    void openPlanSession({
      db: services.db,
      planId,
      actor,
      ...(attach ? { attachSync: (doc) => attach(planId, doc) } : {}),
      onRowWritten: () => void reloadLibrary({ db: services.db, store: useAppStore }),
    }).then((result) => {
      if (!result.ok) {
        if (!cancelled) setState({ status: 'error', code: result.error.code, message: result.error.message });
        return;
      }
      if (cancelled) {
        void result.value.dispose();
        return;
      }
      opened = result.value;
      setState({ status: 'ready', session: result.value });
    });
    return () => {
      cancelled = true;
      if (opened) void opened.dispose();
    };
    // The actor is captured once per opening; a renamed profile applies to the next plan opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planId, services]);
  return state;
}
