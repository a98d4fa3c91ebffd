import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isPlanOpening, openDocOf, registerOpenDoc, trackOpening, whenNoPlanOpening } from '../../../../renderer/workspace/openPlans';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('open plans registry', () => {
  it('knows the live doc of an open plan until its session unregisters it', () => {
    const first = new Y.Doc();
    const second = new Y.Doc();
    const stopFirst = registerOpenDoc('plan-a', first);
    expect(openDocOf('plan-a')).toBe(first);
    const stopSecond = registerOpenDoc('plan-a', second);
    expect(openDocOf('plan-a')).toBe(second);
    stopSecond();
    expect(openDocOf('plan-a')).toBe(first);
    stopFirst();
    expect(openDocOf('plan-a')).toBeUndefined();
    expect(openDocOf('plan-b')).toBeUndefined();
  });

  it('counts a plan as opening until its open settles, also when it fails', async () => {
    expect(isPlanOpening()).toBe(false);
    const ok = deferred<string>();
    const bad = deferred<string>();
    const tracked = trackOpening(ok.promise);
    const failing = trackOpening(bad.promise).catch((e: unknown) => e);
    expect(isPlanOpening()).toBe(true);
    let settled = false;
    const waiting = whenNoPlanOpening().then(() => {
      settled = true;
    });
    ok.resolve('open');
    expect(await tracked).toBe('open');
    await Promise.resolve();
    expect(settled).toBe(false); // the other one is still opening
    bad.reject(new Error('disk gone'));
    expect(await failing).toBeInstanceOf(Error);
    await waiting;
    expect(settled).toBe(true);
    expect(isPlanOpening()).toBe(false);
  });
});
