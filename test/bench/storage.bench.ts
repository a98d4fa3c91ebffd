/**
 * Storage benchmarks in real Chromium (disk-backed profile, not fake-indexeddb):
 *   storage.write_10k_updates_ms  10k small updates applied in one burst → durably committed
 *   storage.write_10k_trickled_ms the same 10k arriving 10 per task (typing-like)
 *   storage.load_10k_updates_ms   10k stored rows → doc complete
 *   storage.bytes_per_doc_byte    stored update bytes after compaction / encoded doc size
 * Anchor: y-indexeddb on the same updates in the same browser. Exact definitions of "write"
 * and "load" for both sides are in test/bench/pages/storage-page.ts.
 * Run alone: `npx tsx test/bench/storage.bench.ts` (STORAGE_BENCH_RUNS, default 3; load pairs per
 * run STORAGE_BENCH_LOADS_PER_RUN, default 7).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { bundlePageScript } from './pages/bundle';
import { BENCH_CHROMIUM_ARGS, metric, type Metrics } from './metric';
import type { StorageBenchApi } from './pages/storage-page';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ORIGIN = 'http://localhost:4873';
const UPDATES = 10_000;
const SEED = 20261124;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const spread = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `${Math.round(s[0] ?? 0)}–${Math.round(s[s.length - 1] ?? 0)} ms`;
};

export async function benchStorage(): Promise<Metrics> {
  const runs = Math.max(1, Number(process.env['STORAGE_BENCH_RUNS'] ?? 3));
  const loadsPerRun = Math.max(1, Number(process.env['STORAGE_BENCH_LOADS_PER_RUN'] ?? 7));
  const tmpRoot = join(ROOT, '.tmp');
  mkdirSync(tmpRoot, { recursive: true });
  process.env['TMPDIR'] = tmpRoot;
  const profile = mkdtempSync(join(tmpRoot, 'storage-bench-'));
  const script = await bundlePageScript('test/bench/pages/storage-page.ts', 'LockstepStorageBenchPage');

  let context: BrowserContext | null = null;
  try {
    // A persistent context keeps IndexedDB on disk; a fresh incognito context keeps it in memory.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: BENCH_CHROMIUM_ARGS,
    });
    // Serve a blank page from a real origin (IndexedDB needs one) without opening a port.
    await context.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>storage bench</title>' }),
    );
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ content: script });

    type Api = StorageBenchApi;
    const call = <K extends keyof Api>(fn: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> =>
      page.evaluate(
        ([name, params]) => {
          const api = (globalThis as unknown as { lockstepStorageBench: Record<string, (...a: unknown[]) => unknown> }).lockstepStorageBench;
          const target = api[name as string];
          if (!target) throw new Error(`no bench function ${String(name)}`);
          return target(...(params as unknown[]));
        },
        [fn, args] as const,
      ) as Promise<Awaited<ReturnType<Api[K]>>>;

    const info = await call('prepare', UPDATES, SEED);
    const samples = { write: [[], []], trickle: [[], []], load: [[], []] } as Record<string, [number[], number[]]>;
    const bytesRatios: number[] = [];
    const feedBurst: number[] = [];
    let n = 0;
    const fresh = (side: string) => `bench-${side}-${n++}`;
    for (let run = 0; run < runs; run++) {
      // Alternate which side goes first so warm-up and disk state don't favour one.
      feedBurst.push(await call('feedOnly', Infinity));
      const order: ('ours' | 'anchor')[] = run % 2 === 0 ? ['ours', 'anchor'] : ['anchor', 'ours'];
      for (const side of order) {
        const i = side === 'ours' ? 0 : 1;
        const name = fresh(side);
        samples['write']![i].push(await call(side === 'ours' ? 'writeOurs' : 'writeAnchor', name, Infinity));
        await call('deleteDatabase', name);
        const trickled = fresh(side);
        samples['trickle']![i].push(await call(side === 'ours' ? 'writeOurs' : 'writeAnchor', trickled, 10));
        await call('deleteDatabase', trickled);
      }
      // Loads take well under a second, so each run takes several pairs, back to back and in
      // alternating order, after both sides' writes: a single pair on a busy machine is mostly
      // scheduler noise, and both sides now load from the same disk history.
      for (let pair = 0; pair < loadsPerRun; pair++) {
        const pairOrder = (run * loadsPerRun + pair) % 2 === 0 ? order : [...order].reverse();
        for (const side of pairOrder) {
          const loadName = fresh(side);
          if (side === 'ours') {
            const r = await call('loadOurs', loadName);
            samples['load']![0].push(r.ms);
            bytesRatios.push(r.bytesPerDocByte);
            if (r.rowsAfter !== 1) throw new Error(`compaction left ${r.rowsAfter} rows`);
          } else {
            samples['load']![1].push(await call('loadAnchor', loadName));
          }
          await call('deleteDatabase', loadName);
        }
      }
    }
    const m = (key: string) => samples[key] as [number[], number[]];
    const note = `${info.count} updates, avg ${info.avgBytes.toFixed(1)} B, doc ${info.encodedBytes} B encoded; median of ${runs} in Chromium`;
    return {
      'storage.write_10k_updates_ms': metric(median(m('write')[0]), 'ms', median(m('write')[1]),
        `one synchronous burst → last update in a completed IndexedDB transaction (applying the updates alone: ${Math.round(median(feedBurst))} ms); anchor y-indexeddb; ${note}`),
      'storage.write_10k_trickled_ms': metric(median(m('trickle')[0]), 'ms', median(m('trickle')[1]),
        `10 updates per task → last update committed; anchor y-indexeddb; ${note}`),
      'storage.load_10k_updates_ms': metric(median(m('load')[0]), 'ms', median(m('load')[1]),
        `10k rows on disk → doc complete (open included); anchor y-indexeddb; median of ${m('load')[0].length} interleaved loads per side ` +
          `(ours ${spread(m('load')[0])}, anchor ${spread(m('load')[1])}); ${note}`),
      'storage.bytes_per_doc_byte': metric(median(bytesRatios), 'ratio', null,
        'stored update bytes after compaction / Y.encodeStateAsUpdate size (IndexedDB overhead not visible)'),
    };
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchStorage().then(
    (metrics) => {
      for (const [name, m] of Object.entries(metrics)) {
        const anchor = m.anchor === null ? '' : `  anchor ${m.anchor} ${m.unit}  ratio ${m.ratio}`;
        console.log(`${name.padEnd(32)} ${String(m.value).padStart(10)} ${m.unit}${anchor}`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
