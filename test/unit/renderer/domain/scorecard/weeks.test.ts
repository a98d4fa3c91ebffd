import { describe, expect, it } from 'vitest';
import { addDays, isIsoWeek, nextWeek, quarterOfWeek, weekOfDay, weeksInYear, weeksOfQuarter, weekStart } from '../../../../../renderer/domain';

describe('ISO weeks and quarters', () => {
  it('maps days to ISO weeks across year boundaries', () => {
    expect(weekOfDay('2026-11-23')).toBe('2026-W48');
    expect(weekOfDay('2021-01-03')).toBe('2020-W53');
    expect(weekOfDay('2024-12-30')).toBe('2025-W01');
    expect(weekOfDay('2026-02-31')).toBeNull();
    expect(weekOfDay('nonsense')).toBeNull();
  });

  it('knows which weeks exist', () => {
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-48')).toBe(false);
  });

  it('week starts, next weeks and quarters', () => {
    expect(weekStart('2026-W48')).toBe('2026-11-23');
    expect(weekStart('2020-W53')).toBe('2020-12-28');
    expect(nextWeek('2026-W53')).toBe('2027-W01');
    expect(nextWeek('2026-W01', -1)).toBe('2025-W52');
    expect(quarterOfWeek('2026-W48')).toBe('2026-Q4');
    expect(quarterOfWeek('2026-W01')).toBe('2026-Q1');
    const q4 = weeksOfQuarter('2026-Q4');
    expect(q4[0]).toBe('2026-W40');
    expect(q4.at(-1)).toBe('2026-W53');
    expect(q4).toHaveLength(14);
    expect(weeksOfQuarter('2026-Q1')).toHaveLength(13);
    expect(weeksOfQuarter('bad')).toEqual([]);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});
