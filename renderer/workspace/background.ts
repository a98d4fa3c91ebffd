import { whenNoPlanOpening } from './openPlans';

export interface BackgroundOptions {
  /** Quiet period before anything happens (e.g. to let a burst of library changes settle). */
  delayMs?: number;
  /** Longest wait for an idle moment once the delay is over and no plan is opening. */
  idleTimeoutMs?: number;
}

type IdleScheduler = {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
  requestAnimationFrame?: (callback: () => void) => number;
};

/**
 * Runs work that nobody is waiting for (the inbox, the portfolio's background reads) only after
 * a plan that is being opened is open and its first frame had a chance to paint, in an idle
 * moment. Returns a cancel function; a cancelled task never runs.
 */
export function runInBackground(task: () => void, options: BackgroundOptions = {}): () => void {
  const scope = globalThis as unknown as IdleScheduler;
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idleHandle: number | null = null;

  const afterNextFrame = (): Promise<void> =>
    new Promise((resolve) => {
      // A hidden window gets no frames; the timeout keeps background work from waiting forever.
      const fallback = setTimeout(resolve, 250);
      scope.requestAnimationFrame?.(() => {
        clearTimeout(fallback);
        resolve();
      });
    });

  const whenIdle = (): Promise<void> =>
    new Promise((resolve) => {
      if (scope.requestIdleCallback) idleHandle = scope.requestIdleCallback(() => resolve(), { timeout: options.idleTimeoutMs ?? 2000 });
      else timer = setTimeout(resolve, 0);
    });

  const run = async (): Promise<void> => {
    await whenNoPlanOpening();
    if (cancelled) return;
    await afterNextFrame();
    if (cancelled) return;
    await whenIdle();
    // A plan may have started opening meanwhile: wait for that one too.
    await whenNoPlanOpening();
    if (!cancelled) task();
  };

  timer = setTimeout(() => {
    timer = null;
    void run();
  }, options.delayMs ?? 0);

  return () => {
    cancelled = true;
    if (timer !== null) clearTimeout(timer);
    if (idleHandle !== null) scope.cancelIdleCallback?.(idleHandle);
  };
}
