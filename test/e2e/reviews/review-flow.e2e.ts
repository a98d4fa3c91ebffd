import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { completeFirstRun, createPlan, waitSaved } from '../support/app';
import { freshProfile, RENDERER_DIST, REPO_ROOT, type FreshProfile } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/staticServer';

/**
 * The review workflow in one browser host: offer → review → changes requested → revise →
 * approved → pilot decided go → Rollout, plus the home inbox, a reload and the Dutch UI. One
 * profile acts as marketer and reviewer; review-sync.e2e.ts runs the same story between two
 * Chromium processes. Screenshots go to .tmp/reviews-shots for a person to look at.
 */
const SHOTS = join(REPO_ROOT, '.tmp/reviews-shots');
let server: StaticServer;
const open: FreshProfile[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveStatic(RENDERER_DIST);
});

afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
  await server?.close();
});

async function start(): Promise<Page> {
  const profile = await freshProfile(server.origin, { viewport: { width: 1280, height: 1000 } });
  open.push(profile);
  profile.page.on('pageerror', (e) => pageErrors.push(e.message));
  await profile.page.goto(server.url);
  await completeFirstRun(profile.page);
  return profile.page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const offerStatus = (page: Page) => page.getByTestId('offer').getAttribute('data-status');

async function answer(page: Page, verdict: string, score: string, price: string, objections: string): Promise<void> {
  await page.getByTestId('tab-reviews').click();
  const form = page.getByTestId('answer-form');
  await form.locator(`label:has([data-testid="verdict-${verdict}"])`).click();
  await form.locator(`label:has([data-testid="score-${score}"])`).click();
  await form.locator(`label:has([data-testid="price-${price}"])`).click();
  if (objections) await form.getByTestId('answer-objections').fill(objections);
  await form.getByTestId('answer-submit').click();
}

describe('sales reviews an offer before the pilot and the rollout', () => {
  it('runs offer → changes requested → revise → approved → pilot go → rollout', async () => {
    const page = await start();
    // A stuck step fails with its own message (and a screenshot) instead of the test timeout.
    page.setDefaultTimeout(45_000);
    try {
      await flow(page);
    } catch (error) {
      await shot(page, 'failure').catch(() => undefined);
      throw error;
    }
    expect(pageErrors).toEqual([]);
  }, 420_000);
});

async function flow(page: Page): Promise<void> {
  await createPlan(page, 'Product launch', 'Sensor Kit 2 launch');
  await page.getByTestId('tab-segments').click();
  await page.getByTestId('new-segment-name').fill('Regional grid operators');
  await page.getByTestId('add-segment').click();

  // The brief's example: a €4,000 device with €30,000 software sold as an "extra".
  await page.getByTestId('tab-offers').click();
  await page.getByTestId('new-offer-name').fill('Sensor Kit 2 bundle');
  await page.getByTestId('add-offer').click();
  for (const [name, price] of [['Handheld meter', '4000'], ['Asset-sync software', '30000']] as const) {
    await page.getByTestId('new-component-name').fill(name);
    await page.getByTestId('add-component').click();
    const price$ = page.getByTestId('component-price').last();
    await price$.fill(price);
    await price$.press('Enter');
  }
  await page.getByTestId('offer-segment').first().check();
  await page.getByTestId('new-arguments').fill('No more re-typing: one visit per site');
  await page.getByTestId('new-arguments').press('Enter');
  const warning = page.locator('[data-testid="offer-warning"][data-code="addon-multiple"]');
  await warning.waitFor();
  expect(await warning.textContent()).toContain('7.5×');
  expect(await warning.textContent()).toContain('€30,000');
  await shot(page, '1-offer-warnings');

  await page.getByTestId('offer-request-review').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('reviewer-option').first().check();
  await shot(page, '2-request-dialog');
  await dialog.getByTestId('review-send').click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => offerStatus(page)).toBe('in-review');

  // The home inbox across plans lists the request for its reviewer.
  await waitSaved(page);
  await page.getByTestId('nav-plans').click();
  await expect.poll(() => page.getByTestId('home-waiting').getAttribute('data-count')).toBe('1');
  await shot(page, '3-home');
  await page.getByTestId('home-waiting').getByRole('button', { name: 'Sensor Kit 2 bundle' }).click();

  await answer(page, 'request-changes', '2', 'too-high', 'The software costs 7.5× the meter; nobody buys that as an extra.');
  await expect.poll(() => page.getByTestId('review-request').first().getAttribute('data-outcome')).toBe('changes-requested');
  await shot(page, '4-review-changes-requested');

  await page.getByTestId('tab-offers').click();
  await expect.poll(() => offerStatus(page)).toBe('changes-requested');
  await page.getByTestId('offer-revise').click();
  await expect.poll(() => offerStatus(page)).toBe('draft');
  const softwarePrice = page.getByTestId('component-price').last();
  await softwarePrice.fill('7500');
  await softwarePrice.press('Enter');
  await expect.poll(() => page.locator('[data-testid="offer-warning"][data-code="addon-multiple"]').count()).toBe(0);
  await page.getByTestId('offer-resubmit').click();
  await expect.poll(() => offerStatus(page)).toBe('in-review');

  await answer(page, 'approve', '4', 'right', '');
  await expect.poll(() => page.getByTestId('review-request').first().getAttribute('data-outcome')).toBe('approved');
  await page.getByTestId('tab-offers').click();
  await expect.poll(() => offerStatus(page)).toBe('approved');

  // The rollout gate: closed until a pilot is decided go.
  await page.getByTestId('tab-pilots').click();
  await page.getByTestId('new-pilot-name').fill('Benelux utilities, 8 weeks');
  await page.getByTestId('add-pilot').click();
  await page.getByTestId('pilot-offer').first().check();
  await page.getByTestId('criterion-metric').fill('Lead-to-opportunity conversion');
  await page.getByTestId('criterion-target').fill('25');
  await page.getByTestId('add-criterion').click();
  const result = page.getByTestId('criterion-result').first();
  await result.fill('31');
  await result.press('Enter');
  expect(await page.getByTestId('rollout-gate').getAttribute('data-open')).toBe('false');
  await page.getByTestId('stage-select').selectOption('rollout');
  await page.getByTestId('gate-reason').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  expect(await page.getByTestId('stage-select').inputValue()).not.toBe('rollout');

  await page.getByTestId('decision-rationale').fill('Conversion 31 % against a target of 25 %; reps asked to keep the bundle.');
  await page.getByTestId('decision-submit').click();
  await expect.poll(() => page.getByTestId('pilot').getAttribute('data-decision')).toBe('go');
  await expect.poll(() => page.getByTestId('rollout-gate').getAttribute('data-open')).toBe('true');
  await page.getByTestId('stage-select').selectOption('rollout');
  await expect.poll(() => page.getByTestId('stage-select').inputValue()).toBe('rollout');
  await shot(page, '5-pilot-go-rollout');

  await waitSaved(page);
  await page.reload();
  await page.getByTestId('tab-offers').click();
  await expect.poll(() => offerStatus(page)).toBe('approved');
  await page.getByTestId('tab-pilots').click();
  expect(await page.getByTestId('pilot').getAttribute('data-decision')).toBe('go');
  expect(await page.getByTestId('stage-select').inputValue()).toBe('rollout');

  // Dutch: statuses, warnings and amounts follow the language (`€ 4.000`).
  await page.getByTestId('nav-settings').click();
  await page.locator('label:has([data-testid="language-nl"])').click();
  await page.getByTestId('nav-plans').click();
  await page.getByRole('button', { name: 'Sensor Kit 2 launch' }).first().click();
  await page.getByTestId('tab-offers').click();
  await expect.poll(() => page.getByTestId('offer-status').textContent()).toContain('Goedgekeurd');
  expect(await page.getByTestId('component-price').first().inputValue()).toBe('4.000');
  await shot(page, '6-offer-nl');
}
