import type { Page } from 'playwright-core';
import { freshProfile, type FreshProfile } from './browser';

/** UI steps shared by the app e2e tests and the screenshot script. They use what a person sees. */

export async function completeFirstRun(page: Page, name = 'Sanne de Vries'): Promise<void> {
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-submit').click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

export async function createPlan(page: Page, template: 'Product launch' | 'Campaign' | 'Offer change', title: string): Promise<void> {
  await page.getByTestId('new-plan').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(template, { exact: true }).click();
  await dialog.getByTestId('new-plan-title').fill(title);
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await page.getByTestId('plan-title').filter({ hasText: title }).waitFor();
}

/** Waits until every edit is in a committed IndexedDB transaction (the UI says "Saved"). */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
}

export interface PersonOptions {
  /** Origin the profile grants microphone/camera to (WebRTC on loopback needs it). */
  origin: string;
  url: string;
  /** Profile name typed on first run; page errors are prefixed with it. */
  name?: string;
  viewport?: { width: number; height: number };
  timeoutMs?: number;
  /** Collects uncaught page errors, so a test can assert there were none. */
  errors: string[];
  /** Every opened profile, for the test's afterAll to close. */
  opened: FreshProfile[];
}

/** One person: a fresh profile in its own Chromium process, at `url`, past the first-run dialog. */
export async function openPerson(options: PersonOptions): Promise<Page> {
  const profile = await freshProfile(options.origin, options.viewport ? { viewport: options.viewport } : {});
  options.opened.push(profile);
  const page = profile.page;
  if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
  page.on('pageerror', (e) => options.errors.push(options.name ? `${options.name}: ${e.message}` : e.message));
  await page.goto(options.url);
  await completeFirstRun(page, options.name);
  return page;
}

/** Shares the open plan from its Share dialog and returns the link a browser participant opens. */
export async function shareBrowserLink(page: Page): Promise<string> {
  await page.getByTestId('share-open').click();
  await page.getByTestId('share-start').click();
  await page.getByTestId('share-code').waitFor();
  const link = await page.getByTestId('share-browser-link').inputValue();
  await page.keyboard.press('Escape');
  return link;
}
