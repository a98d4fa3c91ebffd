import { afterAll, describe, expect, it } from 'vitest';
import { dexieDisks } from './harness/dexieDisk';
import { assertConverged, memoryDisk, simulate } from './harness/simulate';
import { seedFromEnv } from '../support/rng';

describe('seeded multi-peer convergence (short run; `npm run test:soak` runs the long one)', () => {
  const base = seedFromEnv();
  for (let i = 0; i < 2; i += 1) {
    const seed = base + i;
    it(`5 peers, 1,500 steps, random delivery, duplicates, drops, reconnects, reloads (seed ${seed})`, async () => {
      const report = await simulate({ seed, peers: 5, steps: 1_500, disk: memoryDisk });
      assertConverged(report, 'test/sync/convergence.test.ts');
      // The run must actually have exercised the plan, not converged on an empty document.
      expect(report.log.filter((l) => /add|set|change/.test(l)).length).toBeGreaterThan(100);
      expect(report.log.some((l) => l.endsWith('save+reload'))).toBe(true);
    }, 120_000);
  }

  const disks = dexieDisks('unit');
  afterAll(() => disks.close());
  it(`5 peers saving and reloading through Lockstep's IndexedDB persistence (seed ${base + 2})`, async () => {
    const report = await simulate({ seed: base + 2, peers: 5, steps: 600, disk: disks, faults: { reload: 0.04 } });
    assertConverged(report, 'test/sync/convergence.test.ts');
    expect(report.log.filter((l) => l.endsWith('save+reload')).length).toBeGreaterThan(5);
  }, 120_000);
});
