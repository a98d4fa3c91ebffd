import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, createPlan, waitSaved } from '../support/app';
import { freshProfile, RENDERER_DIST, REPO_ROOT, tmpRoot, type FreshProfile } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/staticServer';

/**
 * History, plan files and printing through the real UI in the browser host: take a snapshot,
 * change the plan, compare in plain words, restore; export a .lockstep file and import it back;
 * print, and read the printed page's PDF text. Screenshots go to .tmp/screens/history-*.png.
 */
const DIST = process.env['LOCKSTEP_RENDERER_DIST'] ?? RENDERER_DIST;
let server: StaticServer;
let dir: string;
const open: FreshProfile[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpRoot(), 'history-e2e-'));
  server = await serveStatic(DIST);
});

afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ page: Page; errors: string[] }> {
  const profile = await freshProfile(server.origin, { viewport: { width: 1280, height: 900 } });
  open.push(profile);
  const errors: string[] = [];
  profile.page.on('pageerror', (e) => errors.push(e.message));
  await profile.page.goto(server.url);
  await completeFirstRun(profile.page);
  return { page: profile.page, errors };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(REPO_ROOT, '.tmp/screens', `history-${name}.png`), fullPage: true });
}

describe('history, plan files and printing in the browser host', () => {
  it('snapshots, compares in plain words, restores, exports, imports and prints', async () => {
    const { page, errors } = await start();
    await createPlan(page, 'Product launch', 'Board launch');
    await page.getByTestId('brief-pain').fill('Engineers re-type every measurement.');
    await waitSaved(page);

    // A named snapshot.
    await page.getByTestId('tab-history').click();
    await page.getByTestId('snapshot-name').fill('Before workshop');
    await page.getByTestId('take-snapshot').click();
    await expect.poll(() => page.getByTestId('snapshot').count()).toBe(1);

    // Change the plan after it.
    await page.getByTestId('tab-segments').click();
    await page.getByTestId('new-segment-name').fill('Late segment');
    await page.getByTestId('add-segment').click();
    await page.getByTestId('tab-brief').click();
    await page.getByTestId('brief-pain').fill('Engineers lose half a day per visit.');
    await waitSaved(page);

    // Compare with now, in plain words.
    await page.getByTestId('tab-history').click();
    await page.getByTestId('snapshot-compare').first().click();
    const panel = page.getByTestId('compare-panel');
    await panel.waitFor();
    const changes = await panel.getByTestId('change').allInnerTexts();
    expect(changes.map((c) => c.replace(/^[+−~]\s*/, '').trim())).toEqual([
      'Customer pain changed from “Engineers re-type every measurement.” to “Engineers lose half a day per visit.”',
      'Segment “Late segment” added',
    ]);
    expect(await page.getByTestId('activity').count()).toBeGreaterThan(3);
    await screenshot(page, 'compare');

    // Read-only view of the snapshot.
    await page.getByTestId('snapshot-view').first().click();
    await page.getByTestId('snapshot-panel').getByText('Engineers re-type every measurement.').waitFor();
    await screenshot(page, 'view');

    // Restore, with confirmation: the segment goes, a safety snapshot appears.
    await page.getByTestId('snapshot-restore').first().click();
    await screenshot(page, 'restore-dialog');
    await page.getByTestId('confirm-restore').click();
    await expect.poll(() => page.getByTestId('snapshot').count()).toBe(2);
    await page.getByText('Before restoring “Before workshop”').first().waitFor();
    await page.getByTestId('tab-segments').click();
    await expect.poll(() => page.getByTestId('segment').count()).toBe(0);
    await page.getByTestId('tab-brief').click();
    expect(await page.getByTestId('brief-pain').inputValue()).toBe('Engineers re-type every measurement.');
    await waitSaved(page);

    // Export the plan file (a download in the browser host).
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-menu').click();
    await page.getByRole('menuitem', { name: 'Export plan file' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Board launch.lockstep');
    const planFile = join(dir, 'Board launch.lockstep');
    await download.saveAs(planFile);
    expect(readFileSync(planFile).subarray(0, 8).toString('latin1')).toBe('LOCKSTEP');

    // Print: capture the page as it is at print time, print that to PDF, read its text.
    await page.evaluate(() => {
      const w = window as unknown as { print: () => void; __printed: string | null };
      w.__printed = null;
      w.print = () => {
        w.__printed = document.documentElement.outerHTML;
      };
    });
    await page.getByTestId('export-menu').click();
    await page.getByRole('menuitem', { name: 'Print or save as PDF' }).click();
    await page.waitForFunction(() => (window as unknown as { __printed: string | null }).__printed !== null);
    const printed = await page.evaluate(() => (window as unknown as { __printed: string }).__printed);
    expect(await page.locator('#lockstep-print-root').count()).toBe(0); // removed after printing
    const printPage = await page.context().newPage();
    await printPage.setContent(printed, { waitUntil: 'load' });
    await printPage.emulateMedia({ media: 'print' });
    const pdfPath = join(dir, 'board.pdf');
    writeFileSync(pdfPath, await printPage.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    await printPage.close();
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
    for (const heading of ['Board launch', 'Brief', 'Customer pain', 'Segments & ideal customer profiles', 'Buyer journey', 'Milestones']) expect(text, heading).toContain(heading);
    // Only the plan is printed, not the app around it.
    expect(text).not.toContain('Take snapshot');

    // Import: a broken file is refused and nothing changes; the real file merges into the same plan.
    await page.getByTestId('tab-history').click();
    await page.getByRole('button', { name: 'All plans' }).click();
    await page.getByTestId('import-plan').waitFor();
    const rowsBefore = await page.locator('.plan-row').count();
    const broken = join(dir, 'broken.lockstep');
    writeFileSync(broken, readFileSync(planFile).subarray(0, 100));
    const chooser1 = page.waitForEvent('filechooser');
    await page.getByTestId('import-plan').click();
    await (await chooser1).setFiles(broken);
    await page.getByText('This file was not imported.', { exact: false }).waitFor();
    await screenshot(page, 'import-refused');
    expect(await page.locator('.plan-row').count()).toBe(rowsBefore);

    const chooser2 = page.waitForEvent('filechooser');
    await page.getByTestId('import-plan').click();
    await (await chooser2).setFiles(planFile);
    // .first(): while Radix announces a toast, its live region repeats the text.
    await page.getByText('Merged the file into “Board launch”').first().waitFor();
    await page.getByTestId('plan-title').filter({ hasText: 'Board launch' }).waitFor();
    expect(errors).toEqual([]);
  });
});
