import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { quarterOfWeek, weekOfTime, weeksOfQuarter } from '../../../renderer/domain';
import { createPlan } from '../support/app';
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

/** A local day `offset` days from now as the date field takes it (en-GB) and as ISO. */
function day(offset: number): { typed: string; iso: string } {
  const d = new Date(Date.now() + offset * 86_400_000);
  const dd = String(d.getDate()).padStart(2, '0');
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  return { typed: `${dd}/${mm}/${d.getFullYear()}`, iso: `${d.getFullYear()}-${mm}-${dd}` };
}

async function addMilestone(page: Page, title: string, offset: number): Promise<void> {
  await page.getByTestId('new-milestone-title').fill(title);
  await page.getByTestId('new-milestone-date').fill(day(offset).typed);
  await page.getByTestId('new-milestone-date').press('Enter');
  await page.getByTestId('add-milestone').click();
  await page.locator(`[data-testid="milestone-row"] input[value="${title}"]`).waitFor();
}

/** Types weekly actuals into the open plan's scorecard (the first week of the current quarter). */
async function enterActuals(page: Page, values: Record<string, string>): Promise<void> {
  const week = weeksOfQuarter(quarterOfWeek(weekOfTime(Date.now())) ?? '')[0] ?? '';
  await page.getByTestId('tab-scorecard').click();
  for (const [measure, value] of Object.entries(values)) {
    const input = page.getByTestId(`actual-${measure}-${week}`);
    await input.fill(value);
    await input.press('Enter');
  }
}

/** Locator-based (the app's CSP forbids the string predicates of waitForFunction). */
const waitSaved = (page: Page): Promise<void> => page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();

const bar = (page: Page, title: string) => page.getByTestId('timeline-row').filter({ hasText: title }).getByTestId('timeline-bar');
const rowTitles = (page: Page): Promise<string[]> => page.getByTestId('timeline-row').locator('.al-gantt__label').allTextContents();

describe('portfolio', () => {
  it('shows an empty state before any plan exists', async () => {
    const page = await start();
    // Keyboard reachable: the entry right after Plans in the sidebar.
    await page.getByTestId('nav-plans').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('No plans yet').waitFor();
    expect(await page.getByTestId('nav-portfolio').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('timeline').count()).toBe(0);
    await page.screenshot({ path: join(shots(), 'portfolio-empty.png') });
  });

  it('shows every plan on one timeline, filters by plan, reschedules by drag and keyboard, undoes, and the plan keeps the new date', async () => {
    const page = await start();
    await createPlan(page, 'Product launch', 'Meter Pro launch');
    await page.getByTestId('tab-milestones').click();
    await addMilestone(page, 'Trade fair', 5);
    await enterActuals(page, { leads: '40', opportunities: '10', adSpend: '800' });
    await waitSaved(page);
    await page.getByTestId('nav-plans').click();
    await createPlan(page, 'Campaign', 'Spring campaign');
    await page.getByTestId('tab-milestones').click();
    await addMilestone(page, 'Webinar', 10);
    await enterActuals(page, { leads: '60', opportunities: '5', adSpend: '0' });
    await waitSaved(page);

    await page.getByTestId('nav-portfolio').click();
    await page.getByTestId('portfolio').waitFor();
    // Both plans in the scorecard overview, and the totals row.
    expect(await page.getByTestId('portfolio-row').locator('th').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Meter Pro launch'), expect.stringContaining('Spring campaign')]));
    expect(await page.getByTestId('portfolio-row').count()).toBe(2);
    const ids = await page.getByTestId('portfolio-plan-filter').locator('option').evaluateAll((os) => Object.fromEntries(os.map((o) => [o.textContent, o.getAttribute('value')])));
    const launchId = ids['Meter Pro launch'] ?? '';
    const campaignId = ids['Spring campaign'] ?? '';
    expect(await page.getByTestId(`pf-${launchId}-leads`).textContent()).toBe('40');
    expect(await page.getByTestId(`pf-${campaignId}-leads`).textContent()).toBe('60');
    // Totals recompute ratios from the summed inputs: 15 opportunities / 100 leads.
    expect(await page.getByTestId('pf-total-leads').textContent()).toBe('100');
    expect(await page.getByTestId('pf-total-conversion').textContent()).toBe('15%');
    expect(await page.getByTestId(`pf-${launchId}-costPerLead`).textContent()).toBe('€20.00');
    // No revenue from ads typed, and no ad spend in the campaign: a dash, never NaN or Infinity.
    expect(await page.getByTestId(`pf-${campaignId}-roiAds`).textContent()).toBe('—');
    await page.getByTestId('portfolio-chart').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('portfolio-scorecard').textContent()).not.toMatch(/NaN|Infinity/);

    await bar(page, 'Webinar').waitFor();
    const all = await rowTitles(page);
    expect(all.some((t) => t.includes('Meter Pro launch') && t.includes('Trade fair'))).toBe(true);
    expect(all.some((t) => t.includes('Spring campaign') && t.includes('Webinar'))).toBe(true);
    await page.screenshot({ path: join(shots(), 'portfolio.png'), fullPage: true });

    // Filter by plan: only the campaign's items remain.
    await page.getByTestId('portfolio-plan-filter').selectOption(campaignId);
    await expect.poll(async () => (await rowTitles(page)).every((t) => t.includes('Spring campaign'))).toBe(true);
    expect(await bar(page, 'Trade fair').count()).toBe(0);
    expect(await bar(page, 'Webinar').count()).toBe(1);

    // Drag the webinar three days (14 px a day) to the right.
    const webinar = bar(page, 'Webinar');
    expect(await webinar.getAttribute('data-start')).toBe(day(10).iso);
    const box = await webinar.boundingBox();
    if (!box) throw new Error('the webinar bar is not visible');
    await page.mouse.move(box.x + 5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 5 + 20, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + 5 + 42, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => webinar.getAttribute('data-start')).toBe(day(13).iso);

    // The keyboard alternative: one more day.
    await webinar.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => webinar.getAttribute('data-start')).toBe(day(14).iso);

    // Each move is its own undo step on this screen; redo brings it back.
    await page.keyboard.press('Control+z');
    await expect.poll(() => webinar.getAttribute('data-start')).toBe(day(13).iso);
    await page.keyboard.press('Control+z');
    await expect.poll(() => webinar.getAttribute('data-start')).toBe(day(10).iso);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => webinar.getAttribute('data-start')).toBe(day(13).iso);
    await page.locator('[data-testid="portfolio"][data-save-state="saved"]').waitFor();
    await page.getByTestId('portfolio-plan-filter').selectOption('all');
    await page.screenshot({ path: join(shots(), 'portfolio-after-move.png'), fullPage: true });

    // Reopen the plan: its milestone has the new date (the move went through the plan's own doc).
    await page.locator('.nav__plan', { hasText: 'Spring campaign' }).click();
    await page.getByTestId('tab-milestones').click();
    const row = page.getByTestId('milestone-row').filter({ has: page.locator('input[value="Webinar"]') });
    await expect.poll(() => row.getByTestId('milestone-date').inputValue()).toBe(day(13).typed);

    // And after a full reload from disk too.
    await page.reload();
    await page.getByTestId('tab-milestones').click();
    await expect.poll(() => row.getByTestId('milestone-date').inputValue()).toBe(day(13).typed);
    // The other plan was not touched.
    await page.locator('.nav__plan', { hasText: 'Meter Pro launch' }).click();
    await page.getByTestId('tab-milestones').click();
    const fair = page.getByTestId('milestone-row').filter({ has: page.locator('input[value="Trade fair"]') });
    await expect.poll(() => fair.getByTestId('milestone-date').inputValue()).toBe(day(5).typed);

    // The same numbers, formatted the Finnish way.
    await page.getByTestId('nav-settings').click();
    await page.locator('label', { has: page.getByTestId('language-fi') }).click();
    await page.getByTestId('nav-portfolio').click();
    await page.getByTestId('portfolio').waitFor();
    await expect.poll(() => page.getByTestId('pf-total-conversion').textContent()).toMatch(/^15\s%$/);
    expect(await page.getByTestId(`pf-${launchId}-costPerLead`).textContent()).toMatch(/^20,00\s€$/);
    await page.getByTestId('portfolio-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await page.screenshot({ path: join(shots(), 'portfolio-fi.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
