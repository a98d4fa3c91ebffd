import { describe, expect, it } from 'vitest';
import { battlecardHtml } from '../../../../../renderer/features/insights/battlecardHtml';
import type { Battlecard, BattlecardLabels } from '../../../../../renderer/domain/insights/queries';

const labels: BattlecardLabels = {
  title: (c) => `Battlecard: ${c}`,
  arguments: 'Their arguments',
  objections: 'Objections',
  answer: 'Our answer',
  noAnswer: 'not answered yet',
  heard: (n) => `heard ${n}×`,
  none: 'Nothing yet',
  generated: (d) => `Generated ${d}`,
};

const entry = (text: string, counter: string, answered: boolean) =>
  ({ insight: { text, counter } as unknown as Battlecard['arguments'][number]['insight'], answered, weight: 3 });

describe('battlecardHtml', () => {
  it('holds the competitor, both sections, answers and the missing ones', () => {
    const html = battlecardHtml(
      { competitor: 'Acme', arguments: [entry('Cheaper hardware', 'Our software saves a site visit', true)], objections: [], unanswered: 0 },
      labels,
      '2026-11-24',
    );
    expect(html).toContain('<h1>Battlecard: Acme</h1>');
    expect(html).toContain('<h2>Their arguments</h2>');
    expect(html).toContain('Our answer: Our software saves a site visit');
    expect(html).toContain('heard 3×');
    expect(html).toContain('<h2>Objections</h2><p>Nothing yet</p>');
  });

  it('escapes what peers wrote', () => {
    const html = battlecardHtml(
      { competitor: '<script>x</script>', arguments: [entry('<img src=x onerror=alert(1)>', '', false)], objections: [], unanswered: 1 },
      labels,
      '2026-11-24',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<em>not answered yet</em>');
  });
});
