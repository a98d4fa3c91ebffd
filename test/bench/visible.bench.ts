/**
 * sync.visible.p99_ms (and p50/p95): an edit committed in peer A's app until it is visible in
 * peer B's DOM. Two separate Chromium processes run the real app from the project's signaling
 * server (which also serves the build); A shares a plan, B joins with the browser link. A edits
 * the plan title (type, then Enter commits it); t0 is the Enter keydown in A, the arrival is the
 * first DOM mutation in B whose workspace heading shows the new title. Both are wall-clock
 * (performance.timeOrigin + now) on one machine. No anchor (stock y-webrtc has no UI).
 * Run alone: `npx tsx test/bench/visible.bench.ts` (needs `npm run build:renderer` first).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSignalingServer } from '../../electron/main/signaling/server';
import { completeFirstRun, createPlan } from '../e2e/support/app';
import { BENCH_CHROMIUM_ARGS, metric, percentile, type Metrics } from './metric';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const EDITS = Number(process.env['VISIBLE_BENCH_EDITS'] ?? 500);
const WARMUP = 20;
const ARGS = BENCH_CHROMIUM_ARGS;

async function person(dir: string, origin: string, url: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['microphone', 'camera'], { origin });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  await completeFirstRun(page, name);
  return { context, page };
}

export async function benchVisible(): Promise<Metrics> {
  const rendererDir = process.env['LOCKSTEP_RENDERER_DIST'] ?? join(ROOT, 'dist/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first');
  const tmp = join(ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env['TMPDIR'] = tmp;
  const dirs = [mkdtempSync(join(tmp, 'visible-a-')), mkdtempSync(join(tmp, 'visible-b-'))] as const;
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, staticDir: rendererDir });
  const origin = `http://127.0.0.1:${server.port}`;
  const contexts: BrowserContext[] = [];
  try {
    const a = await person(dirs[0], origin, `${origin}/`, 'Anna Bench');
    contexts.push(a.context);
    await createPlan(a.page, 'Product launch', 'Bench 0');
    await a.page.getByTestId('share-open').click();
    await a.page.getByTestId('share-start').click();
    const link = await a.page.getByTestId('share-browser-link').inputValue();
    await a.page.keyboard.press('Escape');
    const b = await person(dirs[1], origin, link, 'Bo Bench');
    contexts.push(b.context);
    await b.page.getByTestId('plan-title').filter({ hasText: 'Bench 0' }).waitFor();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-state') === 'connected');

    // B: note when each "Bench <seq>" title first appears in the DOM.
    // (No named functions inside evaluate: the TS loader would wrap them in a helper the page lacks.)
    await b.page.evaluate(() => {
      const seen: Record<number, number> = {};
      (window as unknown as { __seen: Record<number, number> }).__seen = seen;
      new MutationObserver(() => {
        const m = /Bench (\d+)/.exec(document.querySelector('[data-testid="plan-title"]')?.textContent ?? '');
        const seq = m ? Number(m[1]) : NaN;
        if (Number.isInteger(seq) && seen[seq] === undefined) seen[seq] = performance.timeOrigin + performance.now();
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    // A: note when Enter is pressed in the title field (the commit), before the app handles it.
    await a.page.evaluate(() => {
      const sent: Record<number, number> = {};
      (window as unknown as { __sent: Record<number, number> }).__sent = sent;
      window.addEventListener('keydown', (event) => {
        const target = event.target as HTMLInputElement | null;
        if (event.key !== 'Enter' || target?.dataset['testid'] !== 'brief-title') return;
        const m = /Bench (\d+)/.exec(target.value);
        if (m) sent[Number(m[1])] = performance.timeOrigin + performance.now();
      }, { capture: true });
    });

    const title = a.page.getByTestId('brief-title');
    const samples: number[] = [];
    for (let seq = 1; seq <= WARMUP + EDITS; seq += 1) {
      await title.fill(`Bench ${seq}`);
      await title.press('Enter');
      await b.page.waitForFunction((s) => (window as unknown as { __seen: Record<number, number> }).__seen[s] !== undefined, seq, { polling: 5 });
      if (seq > WARMUP) {
        const t0 = await a.page.evaluate((s) => (window as unknown as { __sent: Record<number, number> }).__sent[s], seq);
        const t1 = await b.page.evaluate((s) => (window as unknown as { __seen: Record<number, number> }).__seen[s], seq);
        if (typeof t0 !== 'number' || typeof t1 !== 'number') throw new Error(`edit ${seq} was not timed`);
        samples.push(t1 - t0);
      }
    }
    const note = `${samples.length} title edits in A's app → visible in B's DOM, two Chromium processes`;
    return {
      'sync.visible.p50_ms': metric(percentile(samples, 50), 'ms', null, note),
      'sync.visible.p95_ms': metric(percentile(samples, 95), 'ms', null, note),
      'sync.visible.p99_ms': metric(percentile(samples, 99), 'ms', null, note),
    };
  } finally {
    await Promise.allSettled(contexts.map((c) => c.close()));
    await server.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchVisible());
}
