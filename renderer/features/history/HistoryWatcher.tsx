import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { usePlanSession } from '../../app/usePlan';
import { watchAutoSnapshots } from '../../history';
import { useAppStore } from '../../state/store';

/**
 * While a plan is open: automatic snapshots at every stage change and every new weekly sync
 * (see renderer/history/autoSnapshot.ts). Mounted in the workspace, renders nothing.
 */
export function HistoryWatcher() {
  const session = usePlanSession();
  const { db } = useServices();
  const byName = useAppStore((s) => s.profile?.name ?? '');
  useEffect(() => {
    const watch = watchAutoSnapshots(db, session.planId, session.doc, { byName });
    return () => watch.dispose();
  }, [db, session, byName]);
  return null;
}
