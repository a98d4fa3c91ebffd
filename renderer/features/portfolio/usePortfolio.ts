import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PlanEntry } from '../../storage';
import { useServices } from '../../app/services';
import { reloadLibrary } from '../library/actions';
import { useAppStore } from '../../state/store';
import { createPortfolio, type Portfolio, type PortfolioSnapshot } from './portfolioStore';

const EMPTY: PortfolioSnapshot = { loaded: false, plans: [], canUndo: false, canRedo: false, saving: false, version: 0 };
const noop = (): (() => void) => () => undefined;

/** The live plans of the library (not archived, deleted or unreadable), in library order. */
export function usePortfolioEntries(): PlanEntry[] {
  const library = useAppStore((s) => s.library);
  return library.filter((e): e is PlanEntry => !e.corrupt && e.archived === 0 && e.deletedAt === null);
}

/**
 * One portfolio for as long as the screen is mounted: re-read whenever a library row changes
 * (an edit here, a synced change, a new plan); disposed (edits flushed) when the screen closes.
 */
export function usePortfolio(): { portfolio: Portfolio | null; snapshot: PortfolioSnapshot } {
  const services = useServices();
  const profile = useAppStore((s) => s.profile);
  const entries = usePortfolioEntries();
  const [portfolio, setPortfolio] = useState<Portfolio | null>(null);
  useEffect(() => {
    const created = createPortfolio({
      db: services.db,
      actor: { id: profile?.id ?? 'local', name: profile?.name ?? '' },
      attachSync: services.attachSync,
      onRowWritten: () => void reloadLibrary({ db: services.db, store: useAppStore }),
    });
    setPortfolio(created);
    return () => void created.dispose();
    // The actor is captured once per visit, like an opened plan.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [services]);
  const key = entries.map((e) => `${e.id}:${e.updatedAt}:${e.title}`).join('|');
  useEffect(() => {
    if (portfolio) void portfolio.load(entries.map((e) => ({ id: e.id, title: e.title, updatedAt: e.updatedAt })));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures every row that matters
  }, [portfolio, key]);
  const snapshot = useSyncExternalStore(portfolio?.subscribe ?? noop, portfolio?.get ?? (() => EMPTY));
  return { portfolio, snapshot };
}
