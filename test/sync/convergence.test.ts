import { afterAll, describe, expect, it } from 'vitest';
import { dexieDisks } from './harness/dexieDisk';
import { assertConverged, memoryDisk, simulate } from './harness/simulate';
import { seedFromEnv } from '../support/rng';

/** Commands of each area of the plan beyond the brief (test/sync/harness/salesCommands.ts). */
const SALES_AREAS: Record<string, RegExp> = {
  offers: / (createOffer|setBundlePrice|addComponent|updateComponent|addOfferItem|updateOfferItem|addCompetitorRow|reviseOffer)\b/,
  reviews: / (requestReview|answerReview)\b/,
  pilots: / (createPilot|addCriterion|recordResult|decidePilot)\b/,
  scorecard: / (setTarget|setActual|signTargets)\b/,
  insights: / (captureInsight|setVote|markHeardAgain|setCounterMessage)\b/,
  comments: / (startThread|replyToThread|setThreadResolved)\b/,
  weekly: / (startMeeting|addMeetingItem|updateMeetingItem)\b/,
};

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
      // …and every part of it: each area must have had commands that were carried out.
      const done = report.log.filter((l) => !l.includes('(refused'));
      for (const [area, pattern] of Object.entries(SALES_AREAS)) {
        expect(done.some((l) => pattern.test(l)), `no ${area} command was carried out`).toBe(true);
      }
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
