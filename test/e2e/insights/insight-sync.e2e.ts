/**
 * Market insights between two people, each a separate Chromium process with its own profile,
 * syncing through the project's signaling server on loopback (which also serves the built app).
 * Sales, offline, captures a competitor argument with the quick-capture shortcut; on reconnect
 * marketing sees it and writes the counter-message; sales sees the answer.
 * Then marketing, on the library screen with no plan open, captures an objection into a plan
 * chosen in the dialog (not the default one), opens it from the confirmation, corrects its text
 * (Enter saves, Esc cancels, Ctrl+Z undoes) and sales sees the correction.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlan, shareBrowserLink } from '../support/app';
import { useAppRig } from '../support/appRig';
import { REPO_ROOT } from '../support/browser';

const SHOTS = join(REPO_ROOT, '.tmp/insights-shots');
/** Screenshots of the app-wide quick capture and of editing an insight (issue 5). */
const CAPTURE_SHOTS = join(REPO_ROOT, '.tmp/shots-issue5');
const LONG = 90_000;
const ARGUMENT = 'Acme bundles the asset software free with every meter.';
const COUNTER = 'Free today, €40 a seat from year two: show the 3-year cost.';
const OBJECTION = 'Twelve weeks lead time is too long for the spring tender.';
const CORRECTED = 'Eight weeks lead time is too long for the spring tender in Utrecht.';
const rig = useAppRig({ signaling: true, viewport: { width: 1280, height: 1000 }, timeoutMs: LONG });
const errors = rig.errors;
const person = (name: string, url: string): Promise<Page> => rig.person(name, url);

const connectionState = (page: Page) => page.getByTestId('connection-status').getAttribute('data-state');

async function setOnline(page: Page, online: boolean): Promise<void> {
  await page.getByTestId('connection-status').click();
  await page.getByTestId(online ? 'connection-reconnect' : 'connection-offline').click();
  await page.keyboard.press('Escape');
}

const insight = (page: Page) => page.getByTestId('insight').filter({ hasText: ARGUMENT });

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(CAPTURE_SHOTS, { recursive: true });
});

describe('a market insight captured offline on one laptop is answered from another', () => {
  it('offline quick capture, reconnect, counter-message, seen by the author', async () => {
    const mia = await person('Mia Jansen', `${rig.origin}/`);
    // Quick capture works on the library screen too; with no plan yet it says so and offers one.
    await mia.keyboard.press('Control+Shift+K');
    const empty = mia.getByRole('dialog').getByTestId('capture-no-plans');
    await empty.waitFor();
    await mia.screenshot({ path: join(CAPTURE_SHOTS, 'capture-no-plans.png') });
    await empty.getByTestId('capture-create-plan').click();
    await mia.getByTestId('new-plan-title').waitFor();
    await mia.keyboard.press('Escape');
    await mia.getByRole('dialog').waitFor({ state: 'detached' });
    await createPlan(mia, 'Product launch', 'Sensor Kit 2 launch');
    const browserLink = await shareBrowserLink(mia);

    const sam = await person('Sam Virtanen', browserLink);
    await sam.getByTestId('plan-title').filter({ hasText: 'Sensor Kit 2 launch' }).waitFor();
    await expect.poll(() => connectionState(sam), { timeout: LONG }).toBe('connected');
    // One edit each way first, so both sides have really synced before Sam leaves.
    await sam.getByTestId('tab-segments').click();
    await sam.getByTestId('new-segment-name').fill('Regional grid operators');
    await sam.getByTestId('add-segment').click();
    await mia.getByTestId('tab-segments').click();
    await mia.locator('[data-testid="segment-name"][value="Regional grid operators"]').waitFor({ timeout: LONG });
    await mia.getByTestId('new-segment-name').fill('Water utilities');
    await mia.getByTestId('add-segment').click();
    await sam.locator('[data-testid="segment-name"][value="Water utilities"]').waitFor({ timeout: LONG });
    await mia.getByTestId('tab-insights').click();
    await sam.getByTestId('tab-insights').click();

    // Sam goes offline and captures what he heard, from the keyboard, without leaving his section.
    await setOnline(sam, false);
    await expect.poll(() => connectionState(sam)).toBe('offline');
    await sam.getByTestId('tab-brief').click();
    await sam.keyboard.press('Control+Shift+K');
    const dialog = sam.getByRole('dialog');
    await dialog.getByTestId('insight-type').selectOption('competitor-argument');
    await dialog.getByTestId('insight-text').fill(ARGUMENT);
    await dialog.getByTestId('insight-competitor').fill('Acme');
    await dialog.getByTestId('insight-capture').click();
    await dialog.waitFor({ state: 'detached' });
    await sam.getByTestId('tab-insights').click();
    await insight(sam).waitFor();
    // Still offline: Mia cannot have it yet.
    expect(await insight(mia).count()).toBe(0);

    await setOnline(sam, true);
    await insight(mia).waitFor({ timeout: LONG });
    expect(await insight(mia).textContent()).toContain('Sam Virtanen');
    expect(await insight(mia).textContent()).toContain('Acme');

    const counter = insight(mia).getByTestId('insight-counter');
    await counter.fill(COUNTER);
    await counter.press('Tab');
    await expect.poll(() => insight(sam).getByTestId('insight-counter').inputValue(), { timeout: LONG }).toBe(COUNTER);
    await sam.screenshot({ path: join(SHOTS, 'insight-sync-sam.png') });
    await mia.screenshot({ path: join(SHOTS, 'insight-sync-mia.png') });

    // Mia opens a second plan, then goes back to the library: no plan is open any more.
    await mia.getByTestId('nav-plans').click();
    await createPlan(mia, 'Campaign', 'Water utilities campaign');
    await mia.getByTestId('nav-plans').click();
    await mia.getByTestId('new-plan').waitFor();
    // Her laptop is off the network: capture into a plan that is not open must not need it.
    await mia.context().setOffline(true);
    await mia.keyboard.press('Control+Shift+K');
    const quick = mia.getByRole('dialog');
    const picker = quick.getByTestId('capture-plan');
    // The picker starts on the most recently opened plan; Mia picks the other one by keyboard.
    await expect.poll(() => picker.textContent()).toContain('Water utilities campaign');
    await picker.focus();
    await mia.keyboard.press('Enter');
    const option = mia.getByRole('option', { name: /Sensor Kit 2 launch/ });
    await option.waitFor();
    await mia.screenshot({ path: join(CAPTURE_SHOTS, 'capture-plan-picker-open.png') });
    await option.focus();
    await mia.keyboard.press('Enter');
    await expect.poll(() => picker.textContent()).toContain('Sensor Kit 2 launch');
    await quick.getByTestId('insight-type').selectOption('objection');
    await quick.getByTestId('insight-text').fill(OBJECTION);
    await mia.screenshot({ path: join(CAPTURE_SHOTS, 'capture-dialog.png') });
    await quick.getByTestId('insight-capture').click();
    await quick.waitFor({ state: 'detached' });
    const toast = mia.locator('.toast').filter({ hasText: 'Insight saved to “Sensor Kit 2 launch”.' });
    await toast.waitFor();
    await mia.screenshot({ path: join(CAPTURE_SHOTS, 'capture-confirmation.png') });
    await mia.context().setOffline(false);
    await toast.getByRole('button', { name: 'Open' }).click();
    await mia.getByTestId('plan-title').filter({ hasText: 'Sensor Kit 2 launch' }).waitFor();
    const captured = mia.getByTestId('insight').filter({ hasText: OBJECTION });
    await captured.waitFor();
    const insightId = await captured.getAttribute('data-insight-id');
    expect(insightId).toBeTruthy();
    await expect.poll(() => mia.evaluate(() => document.activeElement?.getAttribute('data-insight-id') ?? null)).toBe(insightId);
    expect(await captured.textContent()).toContain('Mia Jansen');
    // Sam, still in the plan, gets it once Mia's copy of the plan connects again.
    const onSam = sam.locator(`[data-testid="insight"][data-insight-id="${insightId}"]`);
    await onSam.getByTestId('insight-text-view').filter({ hasText: OBJECTION }).waitFor({ timeout: LONG });

    // Mia corrects the text: Esc cancels, Enter saves, Ctrl+Z undoes, Ctrl+Shift+Z redoes.
    const onMia = mia.locator(`[data-testid="insight"][data-insight-id="${insightId}"]`);
    await onMia.getByTestId('insight-edit').click();
    await onMia.getByTestId('insight-edit-text').fill('Something else entirely');
    await onMia.getByTestId('insight-edit-text').press('Escape');
    expect(await onMia.getByTestId('insight-text-view').textContent()).toBe(OBJECTION);
    await onMia.getByTestId('insight-edit').click();
    await onMia.getByTestId('insight-edit-text').fill(CORRECTED);
    await onMia.screenshot({ path: join(CAPTURE_SHOTS, 'insight-edit.png') });
    await mia.screenshot({ path: join(CAPTURE_SHOTS, 'insight-edit-page.png') });
    await onMia.getByTestId('insight-edit-text').press('Enter');
    await expect.poll(() => onMia.getByTestId('insight-text-view').textContent()).toBe(CORRECTED);
    expect(await onMia.getByTestId('insight-edited').textContent()).toContain('Mia Jansen');
    await expect.poll(() => onSam.getByTestId('insight-text-view').textContent(), { timeout: LONG }).toBe(CORRECTED);
    await mia.keyboard.press('Control+Z');
    await expect.poll(() => onMia.getByTestId('insight-text-view').textContent()).toBe(OBJECTION);
    await mia.keyboard.press('Control+Shift+Z');
    await expect.poll(() => onMia.getByTestId('insight-text-view').textContent()).toBe(CORRECTED);
    await expect.poll(() => onSam.getByTestId('insight-text-view').textContent(), { timeout: LONG }).toBe(CORRECTED);
    await onSam.screenshot({ path: join(CAPTURE_SHOTS, 'insight-edited-on-second-peer.png') });
    expect(errors).toEqual([]);
  }, 420_000);
});
