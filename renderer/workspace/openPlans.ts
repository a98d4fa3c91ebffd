import type * as Y from 'yjs';

/**
 * Which plans are open in an editing session right now, and whether one is still opening.
 * Readers of "every plan" (the home inbox, the portfolio) use this to read an open plan's live
 * doc instead of loading a second copy from disk, and to stay out of the way while a plan is
 * being opened (that load is what the person is waiting for).
 */

const live = new Map<string, Y.Doc[]>();
let opening = 0;
const settledWaiters = new Set<() => void>();

/** Registers the live doc of an open session; the returned function unregisters it. */
export function registerOpenDoc(planId: string, doc: Y.Doc): () => void {
  live.set(planId, [...(live.get(planId) ?? []), doc]);
  return () => {
    const rest = (live.get(planId) ?? []).filter((d) => d !== doc);
    if (rest.length > 0) live.set(planId, rest);
    else live.delete(planId);
  };
}

/** The live doc of an open session of this plan, if any (the newest one when several are open). */
export function openDocOf(planId: string): Y.Doc | undefined {
  return live.get(planId)?.at(-1);
}

/** Counts `work` as "a plan is opening" until it settles (whether it succeeds or not). */
export async function trackOpening<T>(work: Promise<T>): Promise<T> {
  opening += 1;
  try {
    return await work;
  } finally {
    opening -= 1;
    if (opening === 0) for (const w of [...settledWaiters]) w();
  }
}

export function isPlanOpening(): boolean {
  return opening > 0;
}

/** Resolves once no plan is being opened (at once when none is). */
export function whenNoPlanOpening(): Promise<void> {
  if (opening === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      settledWaiters.delete(done);
      resolve();
    };
    settledWaiters.add(done);
  });
}
