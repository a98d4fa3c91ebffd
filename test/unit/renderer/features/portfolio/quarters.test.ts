import { describe, expect, it } from 'vitest';
import { quarterChoices, shiftQuarter } from '../../../../../renderer/features/portfolio/quarters';

describe('portfolio quarters', () => {
  it('steps across year boundaries both ways', () => {
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2025-Q4', 1)).toBe('2026-Q1');
    expect(shiftQuarter('2026-Q3', 0)).toBe('2026-Q3');
    expect(shiftQuarter('2026-Q2', -8)).toBe('2024-Q2');
  });

  it('refuses bad keys and absurd shifts', () => {
    expect(shiftQuarter('2026-Q5', 1)).toBeNull();
    expect(shiftQuarter('nonsense', 1)).toBeNull();
    expect(shiftQuarter('0000-Q1', -1)).toBeNull();
    expect(shiftQuarter('2026-Q1', Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it('offers a year back and two quarters ahead of today', () => {
    const { current, choices } = quarterChoices(Date.UTC(2026, 10, 24));
    expect(current).toBe('2026-Q4');
    expect(choices).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2']);
  });
});
