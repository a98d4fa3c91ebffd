import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setActual, setTarget } from '../../../renderer/domain';
import { exportInput, printableDocument, translator } from '../../../renderer/export';
import { createI18n, type Language } from '../../../renderer/i18n';
import { richPlan } from '../../support/richPlan';
import { launchChromium, tmpRoot } from '../support/browser';

/**
 * The printable view printed to PDF by Chromium (what Electron's printToPDF does with the same
 * page), then read back with a PDF text extractor (poppler's pdftotext).
 */
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpRoot(), 'pdf-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function pdfText(language: Language): Promise<string> {
  const { doc, ctx } = richPlan();
  setTarget(doc, ctx, 'leads', '2026-Q4', 120);
  setActual(doc, ctx, 'leads', '2026-W48', 14);
  const i18n = await createI18n(language);
  const html = printableDocument(exportInput(doc, { t: translator(i18n), language, exportedAt: Date.UTC(2026, 10, 24, 9) }));
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const file = join(dir, `plan-${language}.pdf`);
    writeFileSync(file, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    await page.close();
  }
}

describe('PDF export', () => {
  it('produces a PDF whose text holds the plan headings (English)', async () => {
    const text = await pdfText('en');
    for (const heading of ['Sensor kit launch', 'Brief', 'Customer pain', 'Segments & ideal customer profiles', 'Benelux utilities', 'Buyer journey', 'Milestones', 'Trade fair Utrecht', 'Why now', 'Shared scorecard', '2026-Q4']) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain('30/11/2026');
  });

  it('is in the user language (Dutch and Finnish)', async () => {
    const nl = await pdfText('nl');
    for (const heading of ['Sensor kit launch', 'Segmenten & ideale klantprofielen', 'Klantreis', 'Mijlpalen', '30-11-2026']) expect(nl, heading).toContain(heading);
    const fi = await pdfText('fi');
    for (const heading of ['Ostopolku', 'Virstanpylväät', '30.11.2026']) expect(fi, heading).toContain(heading);
  });
});
