import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSegment, setActual, setBriefText, setTarget } from '../../../../renderer/domain';
import {
  escapeMarkdown,
  exportFileName,
  exportInput,
  translator,
  narrativeBlocks,
  planToMarkdown,
  planToPrintableHtml,
  printableDocument,
  registerExportSection,
} from '../../../../renderer/export';
import { createI18n, type Language } from '../../../../renderer/i18n';
import { richPlan } from '../../../support/richPlan';

const at = Date.UTC(2026, 10, 24, 9, 30);

async function input(doc: Y.Doc, language: Language) {
  const i18n = await createI18n(language);
  return exportInput(doc, { t: translator(i18n), language, exportedAt: at });
}

describe('Markdown export', () => {
  it('holds every section in the user language with local dates', async () => {
    const { doc } = richPlan();
    const expectations: Record<Language, string[]> = {
      en: ['# Sensor kit launch', '## Brief', '### Customer pain', '## Segments & ideal customer profiles', '### Benelux utilities — Medium', '## Buyer journey', '## Milestones', '30/11/2026', '| Stage | Sales review |', '01/12/2026'],
      nl: ['# Sensor kit launch', '## Klantreis', '## Mijlpalen', '30-11-2026', '01-12-2026'],
      fi: ['# Sensor kit launch', '## Virstanpylväät', '30.11.2026', '1.12.2026'],
    };
    for (const language of ['en', 'nl', 'fi'] as const) {
      const md = planToMarkdown(await input(doc, language));
      for (const expected of expectations[language]) expect(md, `${language}: ${expected}`).toContain(expected);
      expect(md).toContain('Field engineers lose half a day per site visit.');
      expect(md).toContain('Webinar series');
      expect(md).toContain('**force digital logs.**');
      expect(md).toContain('- Faster audits');
      expect(md).toContain('#### Why now');
    }
  });

  it('escapes what people typed so it cannot become structure', async () => {
    const { doc, ctx } = richPlan();
    setBriefText(doc, ctx, 'pain', '# not a heading\n| not | a table |\n<script>alert(1)</script> *stars*');
    addSegment(doc, ctx, 'Pipes | in | names');
    const md = planToMarkdown(await input(doc, 'en'));
    expect(md).toContain('\\# not a heading');
    expect(md).toContain('\\| not \\| a table \\|');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\*stars\\*');
    expect(md).toContain('### Pipes \\| in \\| names');
    expect(escapeMarkdown('1. one')).toBe('1\\. one');
  });
});

describe('printable view', () => {
  it('escapes HTML and includes contributed sections; a failing contributor is skipped', async () => {
    const { doc, ctx } = richPlan();
    setBriefText(doc, ctx, 'pain', '<img src=x onerror=alert(1)>');
    const off1 = registerExportSection('scorecard-test', () => ({ id: 'scorecard', heading: 'Shared scorecard', markdown: '| KPI | Target |', html: '<table><tr><td>Leads</td></tr></table>' }));
    const off2 = registerExportSection('broken', () => {
      throw new Error('boom');
    });
    try {
      const i = await input(doc, 'en');
      const html = planToPrintableHtml(i);
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('<h2 id="lp-scorecard">Shared scorecard</h2>');
      expect(planToMarkdown(i)).toContain('## Shared scorecard');
      const page = printableDocument(i);
      expect(page.startsWith('<!doctype html><html lang="en-GB">')).toBe(true);
      expect(page).toContain('@page { size: A4');
    } finally {
      off1();
      off2();
    }
  });

  it('survives a hostile narrative (deep nesting, unknown nodes)', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('narrative');
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let i = 0; i < 50; i += 1) {
      const el: Y.XmlElement = new Y.XmlElement(i % 2 ? 'bulletList' : 'weirdNode');
      parent.insert(0, [el]);
      parent = el;
    }
    parent.insert(0, [new Y.XmlText('deep text')]);
    const blocks = narrativeBlocks(fragment);
    expect(JSON.stringify(blocks)).toContain('deep text');
  });

  it('makes safe file names', () => {
    expect(exportFileName('Launch: Q1/Q2', 'pdf')).toBe('Launch Q1 Q2.pdf');
    expect(exportFileName('', 'md')).toBe('plan.md');
  });

  it('includes the scorecard with a target-vs-actual chart when the plan has one', async () => {
    const { doc, ctx } = richPlan();
    expect(planToMarkdown(await input(doc, 'en'))).not.toContain('Shared scorecard');
    expect(setTarget(doc, ctx, 'leads', '2026-Q4', 120).ok).toBe(true);
    expect(setActual(doc, ctx, 'leads', '2026-W47', 9).ok).toBe(true);
    expect(setActual(doc, ctx, 'leads', '2026-W48', 14).ok).toBe(true);
    const i = await input(doc, 'nl');
    const md = planToMarkdown(i);
    expect(md).toContain('## Gedeelde scorecard');
    expect(md).toContain('**2026-Q4**');
    expect(md).toMatch(/\| [^|]+ \| 120 \| 23 \|/);
    const html = planToPrintableHtml(i);
    expect(html).toContain('<svg');
    expect((html.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});
