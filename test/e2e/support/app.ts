import type { Page } from 'playwright-core';

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
