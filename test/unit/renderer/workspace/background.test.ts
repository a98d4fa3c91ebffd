import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInBackground } from '../../../../renderer/workspace/background';
import { trackOpening } from '../../../../renderer/workspace/openPlans';

describe('background work', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs after its quiet period when no plan is opening', async () => {
    const task = vi.fn();
    runInBackground(task, { delayMs: 800 });
    await vi.advanceTimersByTimeAsync(700);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits for a plan that is being opened, however long that takes', async () => {
    let finishOpening!: () => void;
    const opening = trackOpening(new Promise<void>((resolve) => (finishOpening = resolve)));
    const task = vi.fn();
    runInBackground(task, { delayMs: 10 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(task).not.toHaveBeenCalled();
    finishOpening();
    await opening;
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled, at whatever stage it was waiting', async () => {
    const early = vi.fn();
    runInBackground(early, { delayMs: 500 })();
    let finishOpening!: () => void;
    const opening = trackOpening(new Promise<void>((resolve) => (finishOpening = resolve)));
    const late = vi.fn();
    const cancelLate = runInBackground(late, { delayMs: 0 });
    await vi.advanceTimersByTimeAsync(100);
    cancelLate();
    finishOpening();
    await opening;
    await vi.advanceTimersByTimeAsync(5000);
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });
});
