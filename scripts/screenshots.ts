/**
 * `npm run screenshots`: serves the built renderer (browser host), drives the real UI in
 * Chromium to create a realistic demo plan, and writes PNGs to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { completeFirstRun, createPlan, waitSaved } from '../test/e2e/support/app';
import { freshProfile, REPO_ROOT, RENDERER_DIST } from '../test/e2e/support/browser';
import { serveStatic } from '../test/e2e/support/staticServer';

const OUT = join(REPO_ROOT, 'docs/screenshots');

async function fillBrief(page: Page): Promise<void> {
  await page.getByTestId('brief-owner').fill('Sanne de Vries');
  await page.getByTestId('brief-owner').press('Enter');
  await page.getByTestId('brief-target-date').fill('03/05/2027');
  await page.getByTestId('brief-target-date').press('Enter');
  await page.getByTestId('brief-pain').fill(
    'Field engineers lose half a day per site visit re-entering measurements from the handheld meter into the asset system.',
  );
  await page.getByTestId('brief-objective').fill('40 sales-accepted leads and 8 pilot customers in the Benelux by the end of Q2.');
  await page.getByTestId('brief-valueProposition').fill(
    'Measurements flow from the meter to the asset system on their own: one visit, no typing, audit-ready records.',
  );
  const narrative = page.getByTestId('narrative');
  await narrative.click();
  await page.keyboard.type('Sensor Kit 2 pairs the meter with the asset-sync software in one offer. ');
  await page.keyboard.type('Last year the software sat on the shelf as a €30,000 "extra"; this time sales reviews the bundle first and we pilot with eight utilities before rolling out.');
}

async function addSegments(page: Page): Promise<void> {
  await page.getByTestId('tab-segments').click();
  const segments: [string, string, string, string, string][] = [
    ['Regional grid operators', 'Utilities, 200–2,000 employees, Benelux', 'Manual re-entry, audit findings on missing records', 'Compliance deadline 2027, fewer truck rolls', 'Head of asset management; procurement signs'],
    ['Industrial maintenance contractors', 'Service firms, 50–500 technicians', 'Paper forms, disputes over measured values', 'Faster invoicing, proof of work', 'Operations director'],
  ];
  for (const [name, firmo, pains, motives, deciders] of segments) {
    await page.getByTestId('new-segment-name').fill(name);
    await page.getByTestId('add-segment').click();
    const card = page.getByTestId('segment').filter({ has: page.locator(`input[value="${name}"]`) });
    await card.getByTestId('segment-firmographics').fill(firmo);
    await card.getByTestId('segment-pains').fill(pains);
    await card.getByTestId('segment-buyingMotives').fill(motives);
    await card.getByTestId('segment-decisionMakers').fill(deciders);
  }
  await page.getByTestId('segment').first().getByLabel('Priority').selectOption('high');
}

async function fillJourney(page: Page): Promise<void> {
  await page.getByTestId('tab-journey').click();
  const rows = page.getByTestId('journey-row');
  const plan: [number, string, string, string, string][] = [
    [0, 'marketing', 'Lotte (marketing)', 'Webinar on audit-ready measurements; case study with Enexis pilot', 'Downloaded the case study and visited pricing'],
    [0, 'sales', 'Account team', 'Warm intro to installed-base accounts', 'Named contact confirmed'],
    [1, 'marketing', 'Lotte (marketing)', 'ROI calculator, comparison sheet vs. manual entry', 'Requests a demo'],
    [1, 'sales', 'Pieter (sales)', 'On-site demo with their own meter data', 'Budget owner identified; pilot scope agreed'],
    [2, 'sales', 'Pieter (sales)', 'Pilot proposal, bundle price incl. software', 'Signed pilot agreement'],
    [2, 'implementation', 'Implementation lead', 'Check asset-system API access', 'Technical fit confirmed'],
    [3, 'implementation', 'Implementation lead', 'Connect meters, train two engineers', 'First synced site visit'],
    [3, 'support', 'Support desk', 'Onboarding call, FAQ in Dutch', 'No open tickets after 2 weeks'],
    [4, 'support', 'Customer success', 'Quarterly check-in, usage report', 'Renewal conversation opened'],
  ];
  for (const [row, discipline, owner, activities, handoff] of plan) {
    const cell = rows.nth(row).getByTestId(`cell-${discipline}`);
    await cell.getByTestId('cell-owner').fill(owner);
    await cell.getByTestId('cell-owner').press('Tab');
    await cell.getByTestId('cell-activities').fill(activities);
    await cell.getByTestId('cell-handoff').fill(handoff);
  }
}

async function datesForMilestones(page: Page): Promise<void> {
  await page.getByTestId('tab-milestones').click();
  const dates = ['12/01/2027', '08/02/2027', '15/03/2027', '03/05/2027'];
  const rows = page.getByTestId('milestone-row');
  for (let i = 0; i < dates.length; i += 1) {
    await rows.nth(i).getByTestId('milestone-date').fill(dates[i] as string);
    await rows.nth(i).getByTestId('milestone-date').press('Enter');
  }
  await rows.first().getByRole('checkbox').check();
  await page.getByTestId('new-milestone-title').fill('Webinar with pilot customers');
  await page.getByTestId('new-milestone-date').fill('22/02/2027');
  await page.getByTestId('add-milestone').click();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await serveStatic(RENDERER_DIST);
  const profile = await freshProfile(server.origin, { viewport: { width: 1360, height: 860 } });
  const { page } = profile;
  try {
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(server.url);
    await page.getByTestId('profile-name').fill('Sanne de Vries');
    await page.screenshot({ path: join(OUT, 'first-run.png') });
    await completeFirstRun(page);
    await page.screenshot({ path: join(OUT, 'library-empty.png') });

    await createPlan(page, 'Campaign', 'Autumn webinar series');
    await page.getByTestId('nav-plans').click();
    await createPlan(page, 'Offer change', 'Service contract price update 2027');
    await page.getByTestId('nav-plans').click();
    await createPlan(page, 'Product launch', 'Sensor Kit 2 launch');
    await fillBrief(page);
    await waitSaved(page);
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await page.getByTestId('brief-title').focus();
    await page.getByTestId('brief-title').blur();
    await page.screenshot({ path: join(OUT, 'workspace-brief.png') });

    await addSegments(page);
    await waitSaved(page);
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'workspace-segments.png') });

    await fillJourney(page);
    await waitSaved(page);
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'journey-grid.png') });

    await datesForMilestones(page);
    await waitSaved(page);
    await page.screenshot({ path: join(OUT, 'workspace-milestones.png') });

    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-row').first().waitFor();
    await page.getByTestId('plan-row').filter({ hasText: 'Sensor Kit 2 launch' }).getByTestId('plan-menu').click();
    await page.getByRole('menuitem', { name: 'Pin to top' }).click();
    await page.getByTestId('plan-row').first().filter({ hasText: 'Sensor Kit 2 launch' }).waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUT, 'library.png') });

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-nl').check({ force: true });
    await page.getByRole('heading', { name: 'Instellingen' }).waitFor();
    await page.screenshot({ path: join(OUT, 'settings-nl.png') });
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await profile.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
