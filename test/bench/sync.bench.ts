/**
 * Sync benchmarks between two separate Chromium processes on loopback, with the project's
 * signaling server and no ICE servers:
 *   sync.applied.p50_ms / p95 / p99   edit committed in A → applied in B's document (≥500 edits)
 *   sync.join_10k_items_ms            a fresh peer joins a plan of 10,000 items → read model complete
 * Anchor for latency: stock y-webrtc with a bare Y.Doc, same server, same browsers, same run.
 * Run alone: `npx tsx test/bench/sync.bench.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startSignalingServer } from '../../electron/main/signaling/server';
import { BENCH_CHROMIUM_ARGS, metric, percentile, type Metrics } from './metric';
import { bundlePageScript } from './pages/bundle';
import type { SyncBenchApi } from './pages/sync-page';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const EDITS = Number(process.env["SYNC_BENCH_EDITS"] ?? 600);
const WARMUP = 50;
const SPACING_MS = 15;
const JOIN_ITEMS = 10_000;
const JOIN_RUNS = 3;

const ARGS = BENCH_CHROMIUM_ARGS;

type Api = SyncBenchApi;
function call<K extends keyof Api>(page: Page, fn: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
  return page.evaluate(
    ([name, params]) => {
      const api = (globalThis as unknown as { lockstepSyncBench: Record<string, (...a: unknown[]) => unknown> }).lockstepSyncBench;
      const target = api[name as string];
      if (!target) throw new Error(`no bench function ${String(name)}`);
      return target(...(params as unknown[]));
    },
    [fn, args] as const,
  ) as Promise<Awaited<ReturnType<Api[K]>>>;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  await context.grantPermissions(['microphone', 'camera'], { origin: new URL(url).origin });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  await page.waitForFunction(() => 'lockstepSyncBench' in globalThis);
  return page;
}

/** Runs `EDITS` edits A→B in one mode and returns the one-way latencies in ms. */
async function latencies(a: Page, b: Page, mode: 'ours' | 'stock', signal: string): Promise<number[]> {
  const secret = randomBytes(16).toString('hex');
  await call(a, 'start', mode, secret, signal, true);
  await call(b, 'start', mode, secret, signal, false);
  await waitUntil(async () => (await call(a, 'synced')) && (await call(b, 'synced')), 60_000, `${mode} peers to sync`);
  const samples: number[] = [];
  for (let seq = 1; seq <= WARMUP + EDITS; seq += 1) {
    const t0 = await call(a, 'edit', seq);
    let arrived: number | null = null;
    await waitUntil(async () => (arrived = await call(b, 'arrival', seq)) !== null, 30_000, `${mode} edit ${seq} to arrive`, 2);
    if (seq > WARMUP && arrived !== null) samples.push(arrived - t0);
    await new Promise((r) => setTimeout(r, SPACING_MS));
  }
  await call(a, 'stop');
  await call(b, 'stop');
  return samples;
}

export async function benchSync(): Promise<Metrics> {
  const tmp = join(ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env['TMPDIR'] = tmp;
  const site = mkdtempSync(join(tmp, 'bench-sync-'));
  writeFileSync(join(site, 'page.js'), await bundlePageScript('test/bench/pages/sync-page.ts', 'LockstepSyncBenchPage'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><meta charset="utf-8"><title>sync bench</title><script src="./page.js"></script>');
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, staticDir: site });
  const url = `http://127.0.0.1:${server.port}/index.html`;
  const signal = `ws://127.0.0.1:${server.port}`;
  const browsers: Browser[] = [];
  try {
    for (let i = 0; i < 3; i += 1) browsers.push(await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS }));
    const [ba, bb, bc] = browsers as [Browser, Browser, Browser];
    const a = await openPage(ba, url);
    const b = await openPage(bb, url);
    // Stock first, then ours, then both again: neither side always runs on a cold or warm machine.
    const stock = [...(await latencies(a, b, 'stock', signal))];
    const ours = [...(await latencies(a, b, 'ours', signal))];
    stock.push(...(await latencies(a, b, 'stock', signal)));
    ours.push(...(await latencies(a, b, 'ours', signal)));

    // Join: A holds a plan of 10k items; a fresh Chromium process joins until its read model
    // is complete. Several joiners, one after the other, each in a process of its own.
    const secret = randomBytes(16).toString('hex');
    await call(a, 'start', 'ours', secret, signal, true);
    const encoded = await call(a, 'seedItems', JOIN_ITEMS);
    const joins: { ms: number; firstDataMs: number }[] = [];
    for (let i = 0; i < JOIN_RUNS; i += 1) {
      const joiner = i === 0 ? bc : await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
      if (i > 0) browsers.push(joiner);
      const c = await openPage(joiner, url);
      joins.push(await call(c, 'joinUntil', secret, signal, JOIN_ITEMS + 4));
      await call(c, 'stop');
      await joiner.close();
    }
    await call(a, 'stop');
    const joinTimes = joins.map((j) => j.ms);
    const joinMs = percentile(joinTimes, 50);
    const spread = `${Math.round(Math.min(...joinTimes))}–${Math.round(Math.max(...joinTimes))} ms`;

    const note = `${ours.length} edits each side, ${SPACING_MS} ms apart; anchor = stock y-webrtc, bare Y.Doc`;
    return {
      'sync.applied.p50_ms': metric(percentile(ours, 50), 'ms', percentile(stock, 50), note),
      'sync.applied.p95_ms': metric(percentile(ours, 95), 'ms', percentile(stock, 95), note),
      'sync.applied.p99_ms': metric(percentile(ours, 99), 'ms', percentile(stock, 99), note),
      'sync.join_10k_items_ms': metric(joinMs, 'ms', null, `plan of ${JOIN_ITEMS} milestones, ${Math.round(encoded / 1024)} KiB encoded (v1); start of joining → read model complete; median of ${JOIN_RUNS} joiners, each a fresh Chromium process (${spread})`),
    };
  } finally {
    await Promise.allSettled(browsers.map((b) => b.close()));
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchSync());
}
