import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { quarterOfWeek, weekOfTime, weeksOfQuarter } from '../../../renderer/domain';
import { createPlan, waitSaved } from '../support/app';
import { useAppRig } from '../support/appRig';
import { tmpRoot } from '../support/browser';

const rig = useAppRig({ signaling: false, viewport: { width: 1360, height: 1000 } });
const errors = rig.errors;
const start = (): Promise<Page> => rig.person();

const shots = (): string => {
  const dir = join(tmpRoot(), 'shots');
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe('shared scorecard', () => {
  it('imports weekly actuals from a CSV, reports the bad row, and draws the chart; one undo removes the import', async () => {
    const page = await start();
    await createPlan(page, 'Campaign', 'Spring campaign');
    await page.getByTestId('tab-scorecard').click();

    // The three first weeks of the current quarter (what the chart shows by default).
    const quarter = quarterOfWeek(weekOfTime(Date.now())) ?? '';
    const [w1, w2, w3] = weeksOfQuarter(quarter);
    const csv = ['Week;Leads;Kosten;Verkoopkansen', `${w1};40;1.200,50;10`, `${w2};veertig;900;8`, `${w3};60;1.000;15`, ''].join('\n');

    await page.getByTestId('scorecard-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-pick').click();
    await (await chooser).setFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('map-leads').inputValue()).toBe('1');
    expect(await page.getByTestId('map-adSpend').inputValue()).toBe('2');
    expect(await page.getByTestId('map-opportunities').inputValue()).toBe('3');
    const bad = page.getByTestId('import-bad-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.first().textContent()).toContain('Line 3:');
    expect(await bad.first().textContent()).toContain('"veertig" is not a number.');
    // Nothing is in the plan before confirming.
    expect(await page.getByTestId('kpi-actual-leads').textContent()).toBe('—');

    await page.getByTestId('import-confirm').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('kpi-actual-leads').textContent()).toBe('100');
    // 25 opportunities / 100 leads; cost per lead €2,200.50 / 100.
    expect(await page.getByTestId('kpi-actual-conversion').textContent()).toBe('25%');
    expect(await page.getByTestId('kpi-actual-costPerLead').textContent()).toBe('€22.01');
    // ROI needs revenue from ads: not computable, shown as a dash (never NaN or Infinity).
    expect(await page.getByTestId('kpi-actual-roiAds').textContent()).toBe('—');
    const chart = page.getByTestId('chart-leads');
    await chart.locator('.recharts-line-dot').first().waitFor();
    // Two weeks with leads; the bad row's week stays a gap, not a zero.
    expect(await chart.locator('.recharts-line-dot').count()).toBe(2);
    expect(await page.getByTestId(`actual-leads-${w1}`).inputValue()).toBe('40');
    await waitSaved(page);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots(), 'scorecard.png'), fullPage: true });

    // One transaction: one Ctrl+Z takes the whole import back.
    await page.getByTestId('scorecard-period').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('kpi-actual-leads').textContent()).toBe('—');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('kpi-actual-leads').textContent()).toBe('100');
    expect(errors).toEqual([]);
  });

  it('refuses a binary file with a plain message and imports nothing', async () => {
    const page = await start();
    await createPlan(page, 'Campaign', 'Autumn campaign');
    await page.getByTestId('tab-scorecard').click();
    await page.getByTestId('scorecard-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-pick').click();
    await (await chooser).setFiles({ name: 'report.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]) });
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toContain('not a CSV text file');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('captures an insight with the shortcut and holds a weekly sync whose agenda lists exactly what changed', async () => {
    const page = await start();
    await createPlan(page, 'Product launch', 'Meter Pro launch');
    await page.getByTestId('tab-milestones').click();
    const day = (offset: number): string => {
      const d = new Date(Date.now() + offset * 86_400_000);
      return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
    };
    for (const [title, offset] of [['Trade fair', 5], ['Price list ready', 30]] as const) {
      await page.getByTestId('new-milestone-title').fill(title);
      await page.getByTestId('new-milestone-date').fill(day(offset));
      await page.getByTestId('new-milestone-date').press('Enter');
      await page.getByTestId('add-milestone').click();
    }
    // Quick capture from another section: Ctrl+Shift+K.
    await page.getByTestId('new-milestone-title').focus();
    await page.keyboard.press('Control+Shift+K');
    await page.getByTestId('insight-type').selectOption('competitor-argument');
    await page.getByTestId('insight-text').fill('Acme bundles the software with the meter.');
    await page.getByTestId('insight-competitor').fill('Acme');
    await page.getByTestId('insight-capture').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByTestId('tab-weekly').click();
    await page.getByTestId('sync-start').click();
    const agenda = page.getByTestId('sync-agenda');
    await agenda.waitFor();
    const sections = await agenda.locator('[data-testid^="agenda-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(sections).toEqual(['agenda-insights', 'agenda-upcoming']);
    expect(await page.getByTestId('agenda-insights').locator('li').allTextContents()).toEqual(['Competitor argument: Acme bundles the software with the meter. (Acme)']);
    // The milestone 30 days out is outside the 14-day window.
    const upcoming = await page.getByTestId('agenda-upcoming').locator('li').allTextContents();
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]).toContain('Trade fair');

    await page.getByTestId('sync-item-text').fill('Send the bundle price list to the reps');
    await page.getByTestId('sync-item-add').click();
    await expect.poll(() => page.getByTestId('sync-actions').locator('li').count()).toBe(1);
    await page.screenshot({ path: join(shots(), 'weekly.png') });
    expect(errors).toEqual([]);
  });
});
