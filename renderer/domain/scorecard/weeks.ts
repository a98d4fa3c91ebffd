/**
 * ISO-8601 weeks (`2026-W48`) and quarters (`2026-Q4`), computed in UTC on calendar days so a
 * week never shifts with the viewer's time zone. A week belongs to the year and quarter of its
 * Thursday, as ISO-8601 defines.
 */
const DAY = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

function isoYearWeek(time: number): { year: number; week: number; thursday: number } {
  const d = new Date(time);
  const day = d.getUTCDay() || 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + (4 - day) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return { year, week, thursday };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-11-23` → `2026-W48`; null for anything that is not a real calendar day. */
export function weekOfDay(isoDay: string): string | null {
  const time = dayToTime(isoDay);
  if (time === null) return null;
  const { year, week } = isoYearWeek(time);
  return `${pad(year, 4)}-W${pad(week)}`;
}

export function weekOfTime(ms: number): string {
  const { year, week } = isoYearWeek(ms);
  return `${pad(year, 4)}-W${pad(week)}`;
}

export function dayToTime(isoDay: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) return null;
  const time = Date.parse(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== isoDay) return null;
  return time;
}

export function timeToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(isoDay: string, days: number): string | null {
  const time = dayToTime(isoDay);
  return time === null || !Number.isInteger(days) ? null : timeToDay(time + days * DAY);
}

/** Whole days from `a` to `b` (positive when b is later); null for bad input. */
export function daysBetween(a: string, b: string): number | null {
  const ta = dayToTime(a);
  const tb = dayToTime(b);
  return ta === null || tb === null ? null : Math.round((tb - ta) / DAY);
}

/** True for a week key that exists (W53 only in long years). */
export function isIsoWeek(key: string): boolean {
  const m = WEEK_RE.exec(key);
  if (!m) return false;
  const year = Number(m[1]);
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(year);
}

export function weeksInYear(year: number): number {
  // Dec 28 is always in the year's last ISO week.
  return isoYearWeek(Date.UTC(year, 11, 28)).week;
}

/** Monday of an ISO week as `YYYY-MM-DD`, or null for a bad key. */
export function weekStart(key: string): string | null {
  if (!isIsoWeek(key)) return null;
  const m = WEEK_RE.exec(key);
  const year = Number(m?.[1]);
  const week = Number(m?.[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = new Date(jan4).getUTCDay() || 7;
  return timeToDay(jan4 - (jan4Day - 1) * DAY + (week - 1) * 7 * DAY);
}

export function nextWeek(key: string, by = 1): string | null {
  const start = weekStart(key);
  const moved = start === null ? null : addDays(start, 7 * by);
  return moved === null ? null : weekOfDay(moved);
}

export function isQuarter(key: string): boolean {
  return QUARTER_RE.test(key);
}

/** The quarter a week belongs to (by its Thursday), e.g. `2026-W48` → `2026-Q4`. */
export function quarterOfWeek(key: string): string | null {
  const start = weekStart(key);
  if (start === null) return null;
  const thursday = new Date((dayToTime(start) ?? 0) + 3 * DAY);
  return `${pad(thursday.getUTCFullYear(), 4)}-Q${Math.floor(thursday.getUTCMonth() / 3) + 1}`;
}

/** Every ISO week whose Thursday lies in the quarter, in order. */
export function weeksOfQuarter(key: string): string[] {
  const m = QUARTER_RE.exec(key);
  if (!m) return [];
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = weekOfTime(Date.UTC(year, (q - 1) * 3, 1));
  const weeks: string[] = [];
  let cursor: string | null = quarterOfWeek(first) === key ? first : nextWeek(first);
  while (cursor !== null && quarterOfWeek(cursor) === key) {
    weeks.push(cursor);
    cursor = nextWeek(cursor);
  }
  return weeks;
}

/** Sorts week keys chronologically (they sort as strings, kept here so callers don't rely on it). */
export const compareWeeks = (a: string, b: string): number => a.localeCompare(b);
