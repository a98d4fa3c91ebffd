/**
 * 50 pairs of peers, each pair's two providers started in the same millisecond, with no
 * staggering: all must converge. Stock y-webrtc leaves about 1 pair in 20 stuck forever
 * (environment.md); Lockstep must detect and recover on its own.
 *
 * Runs as 5 batches of 10 pairs. Four Chromium processes are launched once (two "left",
 * two "right"); every peer gets a fresh browser context (own storage partition, own
 * renderer process) in a left or a right process, so the two peers of a pair are always in
 * separate Chromium processes and can only talk over WebRTC. Different pairs use different
 * secrets, hence different rooms. Launching 100 browsers would take minutes on 2 cores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  closeAll,
  converged,
  ensureHarnessBuilt,
  harnessUrl,
  launchBrowser,
  mapLimit,
  newSecretHex,
  openPeer,
  startTestServer,
  waitFor,
  type TestServer,
} from './support';

// Overridable only to debug locally; the suite runs 5 x 10 = 50 pairs.
const BATCHES = Number(process.env['LOCKSTEP_SIMULTANEOUS_BATCHES'] ?? 5);
const PAIRS_PER_BATCH = 10;
/** Liveness bound for one batch (not a speed target: recovery normally takes seconds). */
const CONVERGE_WITHIN_MS = 45_000;
const PROCESSES_PER_SIDE = 2;
// Measurement knob, e.g. '{"stuckAfterMs":1e9}' to see how many pairs stall with no recovery.
const TIMING = process.env['LOCKSTEP_SIMULTANEOUS_TIMING'] ? (JSON.parse(process.env['LOCKSTEP_SIMULTANEOUS_TIMING']) as Record<string, number>) : undefined;

let server: TestServer | undefined;
const browsers: Browser[] = [];

beforeAll(async () => {
  await ensureHarnessBuilt();
  server = await startTestServer();
  browsers.push(...(await Promise.all(Array.from({ length: PROCESSES_PER_SIDE * 2 }, () => launchBrowser()))));
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(browsers.map((b) => b.close()));
  await closeAll([server]);
});

interface PairResult {
  batch: number;
  pair: number;
  secret: string;
  converged: boolean;
  /** ms from the common start until both sides had received a sync step 2. */
  syncedAfterMs: number | null;
  stuckRecoveries: number;
  /** For pairs that never converged: what each side's connection looked like. */
  detail?: string;
}

describe('simultaneous starts', () => {
  it(`${BATCHES * PAIRS_PER_BATCH} pairs started in the same millisecond all converge`, async () => {
    if (server === undefined) throw new Error('no server');
    const s = server;
    // One page per pair slot and side, each in its own browser context, reused across
    // batches: reset() gives it an empty document, a new secret and no session.
    const opened = await mapLimit(Array.from({ length: PAIRS_PER_BATCH }, (_, i) => i), 3, async (i) => {
      const leftBrowser = browsers[i % PROCESSES_PER_SIDE] as Browser;
      const rightBrowser = browsers[PROCESSES_PER_SIDE + (i % PROCESSES_PER_SIDE)] as Browser;
      const [left, right] = await Promise.all([
        openPeer(leftBrowser, harnessUrl(s, '', s.wsUrl, `L${i}`, TIMING), `L${i}`),
        openPeer(rightBrowser, harnessUrl(s, '', s.wsUrl, `R${i}`, TIMING), `R${i}`),
      ]);
      return { left, right };
    });
    const slots = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(slots.length, 'every harness page opened').toBe(PAIRS_PER_BATCH);
    const results: PairResult[] = [];
    for (let batch = 0; batch < BATCHES; batch++) {
      const pairs = slots.map((slot) => ({ ...slot, secret: newSecretHex() }));
      for (const p of pairs) {
        await p.left.page.evaluate((secret) => { window.__harness.reset(secret); window.__harness.set('left', true); }, p.secret);
        await p.right.page.evaluate((secret) => { window.__harness.reset(secret); window.__harness.set('right', true); }, p.secret);
      }
      // One shared start time for every provider of the batch: both sides of each pair
      // start in the same millisecond (busy-wait in the page), no staggering.
      const startAt = Date.now() + 2000;
      await Promise.all(pairs.flatMap((p) => [p.left, p.right]).map((peer) => peer.page.evaluate((t) => window.__harness.startAt(t), startAt)));
      console.log(`[simultaneous] batch ${batch}: ${pairs.length} pairs started at ${startAt}`);
      const done = await Promise.all(pairs.map((p) => waitFor(() => converged([p.left, p.right]), CONVERGE_WITHIN_MS, 250)));
      for (const [i, p] of pairs.entries()) {
        const [lt, rt, ls, rs] = await Promise.all([
          p.left.page.evaluate(() => window.__harness.timing()),
          p.right.page.evaluate(() => window.__harness.timing()),
          p.left.page.evaluate(() => window.__harness.status()),
          p.right.page.evaluate(() => window.__harness.status()),
        ]);
        const both = lt.firstSyncedAt !== null && rt.firstSyncedAt !== null ? Math.max(lt.firstSyncedAt, rt.firstSyncedAt) - startAt : null;
        results.push({
          batch,
          pair: i,
          secret: p.secret,
          converged: done[i] === true,
          syncedAfterMs: both,
          stuckRecoveries: (ls?.stuckRecoveries ?? 0) + (rs?.stuckRecoveries ?? 0),
          ...(done[i] === true ? {} : { detail: JSON.stringify({ left: ls?.peers, right: rs?.peers, leftSignaling: ls?.signaling }) }),
        });
      }
      console.log(`[simultaneous] batch ${batch}: ${JSON.stringify(results.filter((r) => r.batch === batch).map((r) => [r.converged, r.syncedAfterMs, r.stuckRecoveries]))}`);
    }
    for (const slot of slots) await slot.left.page.evaluate(() => window.__harness.destroy());
    const times = results.map((r) => r.syncedAfterMs ?? Number.MAX_SAFE_INTEGER).sort((a, b) => a - b);
    const recovered = results.filter((r) => r.stuckRecoveries > 0);
    const summary = {
      pairs: results.length,
      converged: results.filter((r) => r.converged).length,
      p50Ms: times[Math.floor(times.length / 2)],
      p95Ms: times[Math.floor(times.length * 0.95)],
      maxMs: times[times.length - 1],
      pairsThatNeededRecovery: recovered.length,
      recoveredPairs: recovered.map((r) => ({ batch: r.batch, pair: r.pair, ms: r.syncedAfterMs, recoveries: r.stuckRecoveries })),
    };
    console.log(`[simultaneous] ${JSON.stringify(summary)}`);
    const failed = results.filter((r) => !r.converged);
    expect(failed, `pairs that never converged (secrets printed to reproduce): ${JSON.stringify(failed)}`).toEqual([]);
  }, 600_000);
});
