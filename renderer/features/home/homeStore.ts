import * as Y from 'yjs';
import { z } from 'zod';
import { readHome, type HomeView } from '../../domain';
import { defineKvKey, getKv, persistDoc, setKv, type LockstepDB, type PlanEntry } from '../../storage';
import { openDocOf } from '../../workspace/openPlans';

/** When the person last looked at their inbox; the badge counts what arrived after it. */
export const homeSeenKey = defineKvKey<number>('home.lastSeenAt', z.number().finite().nonnegative(), 0);

interface HomeState {
  view: HomeView | null;
  lastSeenAt: number;
}

let state: HomeState = { view: null, lastSeenAt: 0 };
const listeners = new Set<() => void>();
const emit = (next: HomeState): void => {
  state = next;
  for (const l of [...listeners]) l();
};

export const homeStore = {
  get: (): HomeState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

let generation = 0;
/** Loaded plans by id, reused while their library row's `updatedAt` is unchanged. */
const loaded = new Map<string, { updatedAt: number; doc: Y.Doc }>();

/**
 * Reads the plans of the library from disk (read-only: nothing is written, the persistence is
 * closed right after loading) and computes the inbox across plans. Only plans whose row changed
 * since the last call are read again, so an edit in one plan does not re-read the whole library;
 * a plan open in the workspace is read from its live doc, never loaded a second time.
 * A newer call wins.
 */
export async function refreshHome(db: LockstepDB, entries: readonly PlanEntry[], me: { id: string; name: string }): Promise<void> {
  const mine = (generation += 1);
  const lastSeenAt = (await getKv(db, homeSeenKey)).value;
  const wanted = new Set(entries.map((e) => e.id));
  for (const [id, cached] of loaded) {
    if (!wanted.has(id)) {
      cached.doc.destroy();
      loaded.delete(id);
    }
  }
  const live = new Map<string, Y.Doc>();
  for (const entry of entries) {
    const open = openDocOf(entry.id);
    if (open) {
      // Not cached: the live doc is destroyed when its session closes.
      live.set(entry.id, open);
      loaded.get(entry.id)?.doc.destroy();
      loaded.delete(entry.id);
      continue;
    }
    if (loaded.get(entry.id)?.updatedAt === entry.updatedAt) continue;
    const doc = new Y.Doc({ guid: entry.id });
    const persistence = persistDoc(db, entry.id, doc, { compactOnOpen: false });
    await persistence.whenLoaded;
    await persistence.destroy();
    if (mine !== generation) {
      doc.destroy();
      return;
    }
    loaded.get(entry.id)?.doc.destroy();
    loaded.set(entry.id, { updatedAt: entry.updatedAt, doc });
  }
  const plans = entries.flatMap((e) => {
    const doc = live.get(e.id) ?? loaded.get(e.id)?.doc;
    return doc ? [{ planId: e.id, doc }] : [];
  });
  emit({ view: readHome(plans, { me, now: Date.now(), lastSeenAt }), lastSeenAt });
}

export async function markHomeSeen(db: LockstepDB): Promise<void> {
  const now = Date.now();
  await setKv(db, homeSeenKey, now);
  if (state.view) emit({ view: { ...state.view, newSinceLastSeen: 0 }, lastSeenAt: now });
}
