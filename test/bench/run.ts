/**
 * `npm run bench`: runs every benchmark in turn, prints a table and writes bench/results.json.
 * Each benchmark measures its anchor in the same run, so ratios compare like with like.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, platform, release, arch } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Metrics } from './metric';

type Bench = { name: string; file: string; exportName: string };

const BENCHES: Bench[] = [
  { name: 'crdt', file: './crdt.bench.ts', exportName: 'benchCrdt' },
  { name: 'storage', file: './storage.bench.ts', exportName: 'benchStorage' },
  { name: 'sync', file: './sync.bench.ts', exportName: 'benchSync' },
  { name: 'visible', file: './visible.bench.ts', exportName: 'benchVisible' },
  { name: 'plan', file: './plan.bench.ts', exportName: 'benchPlan' },
  { name: 'signal', file: './signal.bench.ts', exportName: 'benchSignal' },
];

function previousMetrics(): Metrics {
  try {
    const parsed = JSON.parse(readFileSync('bench/results.json', 'utf8')) as { metrics?: Metrics };
    return parsed.metrics ?? {};
  } catch {
    return {};
  }
}

function chromiumVersion(): string | null {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const here = fileURLToPath(new URL('.', import.meta.url));
  // `npm run bench -- sync visible` re-measures only those and keeps the other metrics.
  const metrics: Metrics = only.length > 0 && existsSync('bench/results.json') ? previousMetrics() : {};
  const failures: string[] = [];
  for (const bench of BENCHES) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    if (!existsSync(`${here}/${bench.file}`)) {
      failures.push(`${bench.name}: ${bench.file} does not exist`);
      continue;
    }
    process.stdout.write(`running ${bench.name}… `);
    const started = performance.now();
    try {
      const mod = (await import(bench.file)) as Record<string, () => Promise<Metrics>>;
      const run = mod[bench.exportName];
      if (!run) throw new Error(`${bench.file} does not export ${bench.exportName}`);
      Object.assign(metrics, await run());
      console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      console.log('FAILED');
      failures.push(`${bench.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  const cpu = cpus();
  const result = {
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()} ${arch()}`,
      node: process.version,
      chromium: chromiumVersion(),
      date: new Date().toISOString(),
    },
    metrics,
    ...(failures.length > 0 ? { failures } : {}),
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', `${JSON.stringify(result, null, 2)}\n`);

  const rows = Object.entries(metrics).map(([name, m]) => [
    name,
    `${m.value} ${m.unit}`,
    m.anchor === null ? '—' : `${m.anchor} ${m.unit}`,
    m.ratio === null ? '—' : String(m.ratio),
  ]);
  const header = ['metric', 'value', 'anchor', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  console.log(`\nmachine: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGiB} GiB, ${result.machine.os}, Node ${result.machine.node}`);
  console.log('written: bench/results.json');
  if (failures.length > 0) {
    console.error(`\n${failures.length} benchmark(s) failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
