/**
 * The review workflow between two people, each a separate Chromium process with its own
 * profile, syncing through the project's signaling server on loopback (which also serves the
 * built app). Marketing drafts an offer and requests a review; sales, offline, requests
 * changes; on reconnect marketing sees it, revises and resubmits; sales approves; a pilot is
 * decided go, and only then does the plan move to Rollout — on both sides.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlan, shareBrowserLink } from '../support/app';
import { useAppRig } from '../support/appRig';
import { REPO_ROOT } from '../support/browser';

const SHOTS = join(REPO_ROOT, '.tmp/reviews-shots');
const LONG = 90_000;
const rig = useAppRig({ signaling: true, viewport: { width: 1280, height: 1000 }, timeoutMs: LONG });
const errors = rig.errors;
const person = (name: string, url: string): Promise<Page> => rig.person(name, url);

const connectionState = (page: Page) => page.getByTestId('connection-status').getAttribute('data-state');
const offerStatus = (page: Page) => page.getByTestId('offer').getAttribute('data-status');

async function setOnline(page: Page, online: boolean): Promise<void> {
  await page.getByTestId('connection-status').click();
  await page.getByTestId(online ? 'connection-reconnect' : 'connection-offline').click();
  await page.keyboard.press('Escape');
}

async function answer(page: Page, verdict: string, score: string, objections: string): Promise<void> {
  await page.getByTestId('tab-reviews').click();
  const form = page.getByTestId('answer-form');
  await form.waitFor();
  await form.locator(`label:has([data-testid="verdict-${verdict}"])`).click();
  await form.locator(`label:has([data-testid="score-${score}"])`).click();
  await form.locator('label:has([data-testid="price-right"])').click();
  if (objections) await form.getByTestId('answer-objections').fill(objections);
  await form.getByTestId('answer-submit').click();
}

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

describe('marketing and sales review an offer across two laptops', () => {
  it('offline change request, revise, approval, pilot go, rollout', async () => {
    const mia = await person('Mia Jansen', `${rig.origin}/`);
    await createPlan(mia, 'Product launch', 'Sensor Kit 2 launch');
    await mia.getByTestId('tab-offers').click();
    await mia.getByTestId('new-offer-name').fill('Sensor Kit 2 bundle');
    await mia.getByTestId('add-offer').click();
    for (const [name, price] of [['Handheld meter', '4000'], ['Asset-sync software', '30000']] as const) {
      await mia.getByTestId('new-component-name').fill(name);
      await mia.getByTestId('add-component').click();
      await mia.getByTestId('component-price').last().fill(price);
      await mia.getByTestId('component-price').last().press('Enter');
    }
    const browserLink = await shareBrowserLink(mia);

    const sam = await person('Sam Virtanen', browserLink);
    await sam.getByTestId('plan-title').filter({ hasText: 'Sensor Kit 2 launch' }).waitFor();
    await expect.poll(() => connectionState(sam), { timeout: LONG }).toBe('connected');
    // Sam edits once, so the plan knows him by profile and Mia can name him as reviewer.
    await sam.getByTestId('tab-segments').click();
    await sam.getByTestId('new-segment-name').fill('Regional grid operators');
    await sam.getByTestId('add-segment').click();
    await expect.poll(() => mia.getByTestId('offer-segment').count(), { timeout: LONG }).toBe(1);

    await mia.getByTestId('offer-request-review').click();
    const dialog = mia.getByRole('dialog');
    await dialog.locator('label', { hasText: 'Sam Virtanen' }).locator('input').check();
    await dialog.getByTestId('review-send').click();
    await dialog.waitFor({ state: 'detached' });

    // Sam sees the request, goes offline (the train) and requests changes there.
    await sam.getByTestId('tab-reviews').click();
    await sam.getByTestId('answer-form').waitFor();
    await setOnline(sam, false);
    await expect.poll(() => connectionState(sam)).toBe('offline');
    await answer(sam, 'request-changes', '2', 'The software costs 7.5× the meter.');
    await expect.poll(() => sam.getByTestId('review-request').first().getAttribute('data-outcome')).toBe('changes-requested');
    expect(await offerStatus(mia)).toBe('in-review');

    await setOnline(sam, true);
    await expect.poll(() => offerStatus(mia), { timeout: LONG }).toBe('changes-requested');
    await mia.getByTestId('offer-revise').click();
    await mia.getByTestId('component-price').last().fill('7500');
    await mia.getByTestId('component-price').last().press('Enter');
    await mia.getByTestId('offer-resubmit').click();
    await expect.poll(() => offerStatus(mia)).toBe('in-review');

    await answer(sam, 'approve', '4', '');
    await expect.poll(() => offerStatus(mia), { timeout: LONG }).toBe('approved');
    await mia.screenshot({ path: join(SHOTS, 'sync-1-mia-approved.png') });

    await mia.getByTestId('tab-pilots').click();
    await mia.getByTestId('new-pilot-name').fill('Benelux utilities');
    await mia.getByTestId('add-pilot').click();
    await mia.getByTestId('stage-select').selectOption('rollout');
    await mia.getByTestId('gate-reason').waitFor();
    await mia.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await mia.getByTestId('decision-rationale').fill('Reps closed 4 of 5 pilot deals.');
    await mia.getByTestId('decision-submit').click();
    await mia.getByTestId('stage-select').selectOption('rollout');
    await sam.getByTestId('tab-pilots').click();
    await expect.poll(() => sam.getByTestId('pilot').getAttribute('data-decision'), { timeout: LONG }).toBe('go');
    await expect.poll(() => sam.getByTestId('stage-select').inputValue(), { timeout: LONG }).toBe('rollout');
    await sam.screenshot({ path: join(SHOTS, 'sync-2-sam-rollout.png') });
    expect(errors).toEqual([]);
  }, 420_000);
});
