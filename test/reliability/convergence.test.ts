import { afterAll, describe, it } from 'vitest';
import { dexieDisks } from '../sync/harness/dexieDisk';
import { assertConverged, simulate } from '../sync/harness/simulate';
import { seedFromEnv } from '../support/rng';

/**
 * Reliability soak: 8 peers, 10,000 steps per seed, reordered, duplicated and
 * dropped-then-retried messages, disconnects and reconnects, and save/reload through Lockstep's
 * real IndexedDB persistence. SEEDS=n for more seeds, SEED=x to replay one.
 */
describe('convergence soak through storage', () => {
  const base = seedFromEnv();
  const seeds = Math.max(1, Number(process.env['SEEDS'] ?? 2));
  const disks = dexieDisks('reliability', { compactAfterRows: 200 });
  afterAll(() => disks.close());
  for (let i = 0; i < seeds; i += 1) {
    const seed = base + i;
    it(`8 peers, 10,000 steps (seed ${seed})`, async () => {
      assertConverged(await simulate({ seed, peers: 8, steps: 10_000, disk: disks }), 'test/reliability/convergence.test.ts');
    });
  }
});
