import { describe, it } from 'vitest';
import { assertConverged, memoryDisk, simulate } from './harness/simulate';
import { seedFromEnv } from '../support/rng';

/** Long run: `npm run test:soak` (SEEDS=n for more seeds, SEED=x to replay one). */
describe('convergence soak', () => {
  const base = seedFromEnv();
  const seeds = Math.max(1, Number(process.env['SEEDS'] ?? 5));
  for (let i = 0; i < seeds; i += 1) {
    const seed = base + i;
    it(`8 peers, 10,000 steps (seed ${seed})`, async () => {
      assertConverged(await simulate({ seed, peers: 8, steps: 10_000, disk: memoryDisk }), 'test/sync/convergence.soak.ts');
    });
  }
});
