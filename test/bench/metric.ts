import { CHROMIUM_ARGS } from '../e2e/support/browser';

/** One benchmark number as written to bench/results.json. */
export interface Metric {
  value: number;
  unit: string;
  /** The reference measured in the same run, or null where none exists. */
  anchor: number | null;
  /** ours / anchor, or null without an anchor. */
  ratio: number | null;
  /** What was measured, in one line (printed in the table, kept in the JSON). */
  note?: string;
}

export type Metrics = Record<string, Metric>;

export function metric(value: number, unit: string, anchor: number | null = null, note?: string): Metric {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    value: round(value),
    unit,
    anchor: anchor === null ? null : round(anchor),
    ratio: anchor === null || anchor === 0 ? null : round(value / anchor),
    ...(note ? { note } : {}),
  };
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Chromium flags for every bench: the e2e set, plus no throttling of timers in background pages. */
export const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
