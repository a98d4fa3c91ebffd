import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { completeFirstRun, createPlan, waitSaved } from '../support/app';
import { freshProfile, RENDERER_DIST, type FreshProfile } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/staticServer';

let server: StaticServer;
const open: FreshProfile[] = [];

beforeAll(async () => {
  server = await serveStatic(RENDERER_DIST);
});

afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
  await server?.close();
});

async function start(): Promise<Page> {
  const profile = await freshProfile(server.origin);
  open.push(profile);
  const errors: string[] = [];
  profile.page.on('pageerror', (e) => errors.push(e.message));
  // The build machines are shared and slow; waits are generous, nothing asserts on time.
  profile.page.setDefaultTimeout(60_000);
  await profile.page.goto(server.url);
  await completeFirstRun(profile.page);
  return profile.page;
}

const value = (page: Page, testId: string) => page.getByTestId(testId).inputValue();

describe('a marketer drafts a launch in the browser host', () => {
  it('keeps the brief, narrative, segments and journey across a reload', async () => {
    const page = await start();
    await createPlan(page, 'Product launch', 'Sensor Kit 2 launch');

    await page.getByTestId('brief-owner').fill('Sanne de Vries');
    await page.getByTestId('brief-owner').press('Enter');
    await page.getByTestId('brief-target-date').fill('23/11/2027');
    await page.getByTestId('brief-target-date').press('Enter');
    await page.getByTestId('brief-pain').fill('Engineers re-type every measurement.');
    await page.getByTestId('brief-objective').fill('40 sales-accepted leads by Q2.');
    await page.getByTestId('brief-valueProposition').fill('One visit, no typing.');
    await page.getByTestId('narrative').click();
    await page.keyboard.type('The software is no longer an extra.');

    await page.getByTestId('tab-segments').click();
    await page.getByTestId('new-segment-name').fill('Regional grid operators');
    await page.getByTestId('add-segment').click();
    await page.getByTestId('segment-pains').fill('Audit findings on missing records');

    // Plan-level undo of one's own edit (focus outside the rich-text editor), then redo.
    await page.getByTestId('new-segment-name').fill('Contractors');
    await page.getByTestId('add-segment').click();
    await expect.poll(() => page.getByTestId('segment').count()).toBe(2);
    await page.getByTestId('new-segment-name').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('segment').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('segment').count()).toBe(2);

    await page.getByTestId('tab-journey').click();
    const awareness = page.getByTestId('journey-row').first();
    await awareness.getByTestId('cell-marketing').getByTestId('cell-owner').fill('Lotte');
    await awareness.getByTestId('cell-marketing').getByTestId('cell-owner').press('Tab');
    await awareness.getByTestId('cell-marketing').getByTestId('cell-activities').fill('Webinar on audit-ready data');
    await awareness.getByTestId('cell-sales').getByTestId('cell-handoff').fill('Named contact confirmed');
    await waitSaved(page);

    await page.reload();
    await page.getByTestId('journey-row').first().waitFor();
    const row = page.getByTestId('journey-row').first();
    expect(await row.getByTestId('cell-marketing').getByTestId('cell-owner').inputValue()).toBe('Lotte');
    expect(await row.getByTestId('cell-marketing').getByTestId('cell-activities').inputValue()).toBe('Webinar on audit-ready data');
    expect(await row.getByTestId('cell-sales').getByTestId('cell-handoff').inputValue()).toBe('Named contact confirmed');

    await page.getByTestId('tab-segments').click();
    await page.getByTestId('segment-name').first().waitFor();
    expect(await page.getByTestId('segment-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
      'Regional grid operators',
      'Contractors',
    ]);
    expect(await page.getByTestId('segment-pains').first().inputValue()).toBe('Audit findings on missing records');

    await page.getByTestId('tab-brief').click();
    expect(await value(page, 'brief-title')).toBe('Sensor Kit 2 launch');
    expect(await value(page, 'brief-owner')).toBe('Sanne de Vries');
    expect(await value(page, 'brief-target-date')).toBe('23/11/2027');
    expect(await value(page, 'brief-pain')).toBe('Engineers re-type every measurement.');
    expect(await value(page, 'brief-objective')).toBe('40 sales-accepted leads by Q2.');
    expect(await value(page, 'brief-valueProposition')).toBe('One visit, no typing.');
    expect(await page.getByTestId('narrative').innerText()).toContain('The software is no longer an extra.');

    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-row').filter({ hasText: 'Sensor Kit 2 launch' }).waitFor();
  }, 300_000);

  it('switches to Dutch and Finnish with local date formats, and remembers the choice', async () => {
    const page = await start();
    await createPlan(page, 'Campaign', 'Autumn webinars');
    await page.getByTestId('brief-target-date').fill('23/11/2027');
    await page.getByTestId('brief-target-date').press('Enter');
    // The rollout gate: without a "go" pilot, moving on needs a written reason.
    await page.getByTestId('stage-select').selectOption('rollout');
    await page.getByTestId('gate-confirm').click();
    await page.getByText('Write a reason first.').waitFor();
    await page.getByTestId('gate-reason').fill('Same campaign as last autumn.');
    await page.getByTestId('gate-confirm').click();
    await page.getByText('“Same campaign as last autumn.”', { exact: false }).waitFor();
    expect(await page.getByTestId('stage-select').inputValue()).toBe('rollout');
    await waitSaved(page);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-nl').check({ force: true });
    await page.getByRole('heading', { name: 'Instellingen' }).waitFor();
    expect(await page.getByTestId('nav-plans').innerText()).toBe('Plannen');

    await page.getByTestId('nav-plans').click();
    await page.getByRole('heading', { name: 'Plannen' }).waitFor();
    expect(await page.getByTestId('new-plan').innerText()).toBe('Nieuw plan');
    await page.getByTestId('plan-row').filter({ hasText: 'Autumn webinars' }).getByTestId('plan-open').click();
    await page.getByTestId('tab-brief').filter({ hasText: 'Brief' }).waitFor();
    expect(await page.getByTestId('tab-segments').innerText()).toBe('Segmenten & ICP');
    expect(await value(page, 'brief-target-date')).toBe('23-11-2027');

    await page.reload();
    await page.getByTestId('brief-target-date').waitFor();
    expect(await value(page, 'brief-target-date')).toBe('23-11-2027');
    expect(await page.getByTestId('tab-journey').innerText()).toBe('Klantreis');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-fi').check({ force: true });
    await page.getByRole('heading', { name: 'Asetukset' }).waitFor();
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-row').first().getByTestId('plan-open').click();
    await page.getByTestId('brief-target-date').waitFor();
    expect(await value(page, 'brief-target-date')).toBe('23.11.2027');
    expect(await page.getByTestId('tab-milestones').innerText()).toBe('Virstanpylväät');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
  }, 300_000);

  it('deletes a plan and brings it back with Undo', async () => {
    const page = await start();
    await createPlan(page, 'Offer change', 'Price update 2027');
    await page.getByTestId('nav-plans').click();
    await createPlan(page, 'Campaign', 'Spring campaign');
    await page.getByTestId('nav-plans').click();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(2);

    await page.getByTestId('plan-row').filter({ hasText: 'Price update 2027' }).getByTestId('plan-menu').click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.locator('.toast', { hasText: '“Price update 2027” was deleted' }).waitFor();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(1);

    await page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
    await page.locator('.toast', { hasText: '“Price update 2027” is back' }).waitFor();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(2);

    await page.reload();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(2);

    // Duplicate gives an independent copy with its own title in the document too.
    await page.getByTestId('plan-row').filter({ hasText: 'Spring campaign' }).getByTestId('plan-menu').click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await page.getByTestId('plan-row').filter({ hasText: 'Spring campaign (copy)' }).getByTestId('plan-open').click();
    expect(await value(page, 'brief-title')).toBe('Spring campaign (copy)');
    await page.getByTestId('nav-plans').click();

    // Archive hides a plan until "Show archived" is ticked.
    await page.getByTestId('plan-row').filter({ hasText: 'Price update 2027' }).getByTestId('plan-menu').click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(2);
    await page.getByLabel('Show archived').check();
    await page.getByTestId('plan-row').filter({ hasText: 'Price update 2027' }).getByText('Archived').waitFor();
  }, 300_000);

  it('shows corrupt records in plain words and still opens the rest of the library', async () => {
    const page = await start();
    await createPlan(page, 'Product launch', 'Healthy plan');
    await page.getByTestId('brief-pain').fill('Still here after the damage.');
    await waitSaved(page);
    const planId = await page.evaluate(() => decodeURIComponent(window.location.hash.split('/')[2] ?? ''));
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-row').waitFor();

    // A foreign library row and an unreadable update row, written behind the app's back.
    await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('lockstep');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['plans', 'docNumbers', 'docUpdates'], 'readwrite');
        tx.objectStore('plans').put({ id: 'foreign-row', title: 42, kind: 'spaceship', stage: null });
        // The plan's rows are keyed by its number and seq (renderer/storage/docUpdates.ts).
        const numbered = tx.objectStore('docNumbers').get(id);
        numbered.onsuccess = () => {
          const no = (numbered.result as { no: number }).no;
          tx.objectStore('docUpdates').put(new Uint8Array([255, 1, 2, 3, 4, 5]), no * 2 ** 32 + 999_999);
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, planId);

    await page.reload();
    await page.getByTestId('plan-row-corrupt').waitFor();
    expect(await page.getByTestId('plan-row-corrupt').innerText()).toContain('This plan could not be read');
    await page.getByTestId('plan-row').filter({ hasText: 'Healthy plan' }).getByTestId('plan-open').click();
    await page.locator('.banner', { hasText: 'unreadable change was skipped' }).waitFor();
    expect(await value(page, 'brief-pain')).toBe('Still here after the damage.');

    // Nothing was deleted: the foreign row is still on disk.
    const kept = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('lockstep');
        req.onsuccess = () => resolve(req.result);
      });
      const row = await new Promise<unknown>((resolve) => {
        const req = db.transaction('plans').objectStore('plans').get('foreign-row');
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return row;
    });
    expect(kept).toMatchObject({ id: 'foreign-row', kind: 'spaceship' });
  }, 300_000);
});
