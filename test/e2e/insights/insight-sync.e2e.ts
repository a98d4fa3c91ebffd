/**
 * Market insights between two people, each a separate Chromium process with its own profile,
 * syncing through the project's signaling server on loopback (which also serves the built app).
 * Sales, offline, captures a competitor argument with the quick-capture shortcut; on reconnect
 * marketing sees it and writes the counter-message; sales sees the answer.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignalingServer } from '../../../electron/main/signaling/server';
import { createPlan, openPerson } from '../support/app';
import { REPO_ROOT, RENDERER_DIST, type FreshProfile } from '../support/browser';

const SHOTS = join(REPO_ROOT, '.tmp/insights-shots');
const LONG = 90_000;
const ARGUMENT = 'Acme bundles the asset software free with every meter.';
const COUNTER = 'Free today, €40 a seat from year two: show the 3-year cost.';
let server: Awaited<ReturnType<typeof startSignalingServer>>;
let origin = '';
const profiles: FreshProfile[] = [];
const errors: string[] = [];

const person = (name: string, url: string): Promise<Page> =>
  openPerson({ origin, url, name, viewport: { width: 1280, height: 1000 }, timeoutMs: LONG, errors, opened: profiles });

const connectionState = (page: Page) => page.getByTestId('connection-status').getAttribute('data-state');

async function setOnline(page: Page, online: boolean): Promise<void> {
  await page.getByTestId('connection-status').click();
  await page.getByTestId(online ? 'connection-reconnect' : 'connection-offline').click();
  await page.keyboard.press('Escape');
}

const insight = (page: Page) => page.getByTestId('insight').filter({ hasText: ARGUMENT });

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIST, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
  mkdirSync(SHOTS, { recursive: true });
  server = await startSignalingServer({ host: '127.0.0.1', port: 0, staticDir: RENDERER_DIST });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await Promise.all(profiles.map((p) => p.close()));
  await server?.close();
});

describe('a market insight captured offline on one laptop is answered from another', () => {
  it('offline quick capture, reconnect, counter-message, seen by the author', async () => {
    const mia = await person('Mia Jansen', `${origin}/`);
    await createPlan(mia, 'Product launch', 'Sensor Kit 2 launch');
    await mia.getByTestId('share-open').click();
    await mia.getByTestId('share-start').click();
    await mia.getByTestId('share-code').waitFor();
    const browserLink = await mia.getByTestId('share-browser-link').inputValue();
    await mia.keyboard.press('Escape');

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
    expect(errors).toEqual([]);
  }, 300_000);
});
