import { quarterOfWeek, weekOfTime } from '../../domain';

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter `by` quarters away from `key` (e.g. 2026-Q1, -1 → 2025-Q4); null for a bad key. */
export function shiftQuarter(key: string, by: number): string | null {
  const m = QUARTER.exec(key);
  if (!m) return null;
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + by;
  if (!Number.isSafeInteger(index) || index < 0 || index >= 10000 * 4) return null;
  return `${String(Math.floor(index / 4)).padStart(4, '0')}-Q${(index % 4) + 1}`;
}

/** The quarters offered on the portfolio: a year back and two ahead of the current one. */
export function quarterChoices(now: number): { current: string; choices: string[] } {
  const current = quarterOfWeek(weekOfTime(now)) ?? '';
  const choices: string[] = [];
  for (let by = -4; by <= 2; by += 1) {
    const q = shiftQuarter(current, by);
    if (q) choices.push(q);
  }
  return { current, choices };
}
