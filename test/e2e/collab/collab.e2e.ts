/**
 * Collaboration in the app itself, end to end: the project's signaling server on loopback also
 * serves the built app (so every peer is a "browser participant" of that host), each person is
 * a separate Chromium process with its own profile, and everything happens through the UI.
 *
 * A shares a plan, B joins with the browser link, C with the short code (after a wrong code
 * that never connects); live edits and presence both ways; A goes offline, everyone edits,
 * A reconnects and all converge; concurrent target-date edits show a conflict card on every
 * side until one person confirms.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignalingServer } from '../../../electron/main/signaling/server';
import { formatShortCode } from '../../../shared/invite';
import { completeFirstRun, createPlan } from '../support/app';
import { freshProfile, REPO_ROOT, RENDERER_DIST, type FreshProfile } from '../support/browser';

const SHOTS = join(REPO_ROOT, '.tmp/collab-shots');
const LONG = 90_000;

let server: Awaited<ReturnType<typeof startSignalingServer>>;
let origin = '';
const profiles: FreshProfile[] = [];
const errors: string[] = [];
let a: Page;
let b: Page;
let c: Page;
let browserLink = '';
let code = '';

async function person(name: string, url: string): Promise<Page> {
  const profile = await freshProfile(origin);
  profiles.push(profile);
  const page = profile.page;
  page.setDefaultTimeout(LONG);
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  await page.goto(url);
  await completeFirstRun(page, name);
  return page;
}

const value = (page: Page, testId: string): Promise<string> => page.getByTestId(testId).inputValue();
const narrative = (page: Page): Promise<string> => page.getByTestId('narrative').innerText();
const avatarNames = (page: Page): Promise<string[]> =>
  page.getByTestId('presence-avatar').evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
const connectionState = (page: Page): Promise<string | null> => page.getByTestId('connection-status').getAttribute('data-state');
const peerCount = async (page: Page): Promise<number> => Number(await page.getByTestId('connection-status').getAttribute('data-peers'));

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Types into a brief field and commits it (line fields commit on Enter, long ones as you type). */
async function setField(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(text);
  await field.press('Tab');
}

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIST, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
  server = await startSignalingServer({ host: '127.0.0.1', port: 0, staticDir: RENDERER_DIST });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await Promise.all(profiles.map((p) => p.close()));
  await server?.close();
});

describe('collaborating on a plan in the app', () => {
  it('A shares a plan; the dialog shows the invite link, the browser link, the code and a QR code', async () => {
    a = await person('Anna Berg', `${origin}/`);
    await createPlan(a, 'Product launch', 'Sensor Kit 2 launch');
    await expect.poll(() => connectionState(a)).toBe('local');
    await a.getByTestId('share-open').click();
    await a.getByTestId('share-start').click();
    await a.getByTestId('share-code').waitFor();
    const link = await value(a, 'share-link');
    browserLink = await value(a, 'share-browser-link');
    code = await value(a, 'share-code');
    expect(link.startsWith('lockstep://join/#')).toBe(true);
    expect(browserLink.startsWith(`${origin}/#join=`)).toBe(true);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    await expect.poll(() => a.getByTestId('share-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot(a, 'share-dialog');
    await a.keyboard.press('Escape');
    await expect.poll(() => connectionState(a)).toBe('connecting');
  }, 240_000);

  it('B opens the browser link, joins, and both see each other’s edits and avatars', async () => {
    b = await person('Bram de Wit', browserLink);
    await b.getByTestId('plan-title').filter({ hasText: 'Sensor Kit 2 launch' }).waitFor();
    // The secret does not stay in B's address bar.
    expect(b.url()).not.toContain('join=');
    await expect.poll(() => connectionState(a), { timeout: LONG }).toBe('connected');
    await expect.poll(() => connectionState(b), { timeout: LONG }).toBe('connected');

    await setField(a, 'brief-pain', 'Engineers re-type every measurement.');
    await expect.poll(() => value(b, 'brief-pain'), { timeout: LONG }).toBe('Engineers re-type every measurement.');
    await b.getByTestId('narrative').click();
    await b.keyboard.type('Bram writes the story.');
    await expect.poll(() => narrative(a), { timeout: LONG }).toContain('Bram writes the story.');

    await expect.poll(() => avatarNames(a), { timeout: LONG }).toEqual(['Bram de Wit']);
    await expect.poll(() => avatarNames(b), { timeout: LONG }).toEqual(['Anna Berg']);
    // B's live caret is shown in A's narrative, labelled with B's name.
    await expect.poll(() => a.locator('.collaboration-carets__label').allInnerTexts(), { timeout: LONG }).toContain('Bram de Wit');
    // "Synced with Bram at HH:MM".
    await expect.poll(() => a.getByTestId('connection-synced').innerText(), { timeout: LONG }).toMatch(/^Synced with Bram de Wit at \d{2}:\d{2}/);

    // Section presence: B moves to Segments; A sees B's avatar on that tab.
    await b.getByTestId('tab-segments').click();
    await a.getByTestId('section-peers-segments').waitFor();
    await shot(a, 'presence-header');
    await a.getByTestId('connection-status').click();
    await a.getByTestId('connection-popover').waitFor();
    await expect.poll(() => a.getByTestId('connection-peer').allInnerTexts()).toEqual([expect.stringContaining('Bram de Wit')]);
    await shot(a, 'connection-popover');
    await a.keyboard.press('Escape');

    // A follows B: A's section follows B's, until A navigates on their own.
    await a.getByTestId('presence-avatar').click();
    await a.getByTestId('presence-follow').click();
    await expect.poll(() => a.url(), { timeout: LONG }).toContain('segments');
    await b.getByTestId('tab-milestones').click();
    await expect.poll(() => a.url(), { timeout: LONG }).toContain('milestones');
    await a.getByTestId('tab-brief').click();
    await a.getByTestId('presence-following').waitFor({ state: 'detached' });
    await b.getByTestId('tab-journey').click();
    await a.getByTestId('section-peers-journey').waitFor();
    expect(a.url()).toContain('brief');
    await b.getByTestId('tab-brief').click();
  }, 300_000);

  it('a garbled code gets plain words, a wrong code never connects, the right short code joins C', async () => {
    c = await person('Chris Lee', `${origin}/`);
    await c.getByTestId('join-plan').click();
    await c.getByTestId('join-invite').fill(code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
    await c.getByTestId('join-submit').click();
    await c.getByText('This invite is damaged or mistyped.', { exact: false }).waitFor();

    const wrong = formatShortCode(new Uint8Array(randomBytes(16)));
    if (!wrong.ok) throw new Error(wrong.error.message);
    await c.getByTestId('join-invite').fill(wrong.value);
    await c.getByTestId('join-submit').click();
    await c.getByTestId('join-status').waitFor();
    // Long enough for a real join to have happened several times over on this machine.
    await c.waitForTimeout(12_000);
    expect(await c.getByTestId('join-status').getAttribute('data-step')).toBe('looking');
    await c.getByText('Nobody found yet.', { exact: false }).waitFor();
    await c.getByTestId('join-cancel').click();
    expect(await c.getByTestId('plan-title').count()).toBe(0);

    await c.getByTestId('join-plan').click();
    await c.getByTestId('join-invite').fill(code);
    await c.getByTestId('join-submit').click();
    await c.getByTestId('plan-title').filter({ hasText: 'Sensor Kit 2 launch' }).waitFor();
    await expect.poll(() => value(c, 'brief-pain'), { timeout: LONG }).toBe('Engineers re-type every measurement.');
    await expect.poll(() => avatarNames(a), { timeout: LONG }).toEqual(['Bram de Wit', 'Chris Lee']);
    await expect.poll(() => avatarNames(c), { timeout: LONG }).toEqual(['Anna Berg', 'Bram de Wit']);
    // The wrong code left nothing behind in C's library.
    await c.getByTestId('plan-title').waitFor();
  }, 300_000);

  it('A goes offline, everyone edits, A reconnects and all three converge', async () => {
    await a.getByTestId('connection-status').click();
    await a.getByTestId('connection-offline').click();
    await a.keyboard.press('Escape');
    await expect.poll(() => connectionState(a)).toBe('offline');
    await expect.poll(() => avatarNames(b), { timeout: LONG }).toEqual(['Chris Lee']);

    await setField(a, 'brief-objective', '40 sales-accepted leads by Q2.');
    await setField(b, 'brief-valueProposition', 'One visit, no typing.');
    await c.getByTestId('narrative').click();
    await c.keyboard.press('End');
    await c.keyboard.type(' Chris adds a line.');
    // Apart: A does not get B's edit.
    await expect.poll(() => value(c, 'brief-valueProposition'), { timeout: LONG }).toBe('One visit, no typing.');
    expect(await value(a, 'brief-valueProposition')).toBe('');
    await shot(a, 'offline');

    await a.getByTestId('connection-status').click();
    await a.getByTestId('connection-reconnect').click();
    await a.keyboard.press('Escape');
    for (const page of [a, b, c]) {
      await expect.poll(() => value(page, 'brief-objective'), { timeout: LONG }).toBe('40 sales-accepted leads by Q2.');
      await expect.poll(() => value(page, 'brief-valueProposition'), { timeout: LONG }).toBe('One visit, no typing.');
      await expect.poll(() => narrative(page), { timeout: LONG }).toContain('Chris adds a line.');
    }
    await expect.poll(() => peerCount(a), { timeout: LONG }).toBe(2);
  }, 300_000);

  it('concurrent target dates show a conflict card everywhere until someone confirms', async () => {
    await a.getByTestId('connection-status').click();
    await a.getByTestId('connection-offline').click();
    await a.keyboard.press('Escape');
    await expect.poll(() => connectionState(a)).toBe('offline');
    await setField(a, 'brief-target-date', '01/03/2027');
    await setField(b, 'brief-target-date', '15/04/2027');
    await a.getByTestId('connection-status').click();
    await a.getByTestId('connection-reconnect').click();
    await a.keyboard.press('Escape');
    for (const page of [a, b, c]) await page.getByTestId('conflicts').waitFor({ timeout: LONG });
    await b.getByTestId('conflicts').scrollIntoViewIfNeeded();
    await shot(b, 'conflict-card');
    await b.getByTestId('conflicts').getByRole('button', { name: 'Keep this' }).first().click();
    for (const page of [a, b, c]) await page.getByTestId('conflicts').waitFor({ state: 'detached', timeout: LONG });
    const dates = await Promise.all([a, b, c].map((page) => value(page, 'brief-target-date')));
    expect(new Set(dates).size).toBe(1);
  }, 300_000);

  it('a new invite moves everyone online to the new room; edits keep flowing', async () => {
    await a.getByTestId('share-open').click();
    await a.getByTestId('share-rotate').click();
    await a.getByTestId('share-rotate-confirm').click();
    await expect.poll(() => value(a, 'share-code'), { timeout: LONG }).not.toBe(code);
    const newCode = await value(a, 'share-code');
    // Escape would close the "new invite made" toast first; use the dialog's close button.
    await a.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await a.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => peerCount(a), { timeout: LONG }).toBe(2);
    await setField(a, 'brief-pain', 'After the new invite.');
    for (const page of [b, c]) await expect.poll(() => value(page, 'brief-pain'), { timeout: LONG }).toBe('After the new invite.');
    // B followed the rotation: its own share dialog shows the new code.
    await b.getByTestId('share-open').click();
    await expect.poll(() => value(b, 'share-code'), { timeout: LONG }).toBe(newCode);
    await b.keyboard.press('Escape');
  }, 300_000);

  it('Settings → Connection and the browser host\'s workshop explanation render', async () => {
    await c.getByTestId('nav-settings').click();
    await c.getByTestId('settings-connection').waitFor();
    await c.getByTestId('settings-signaling-input').fill('not an address');
    await c.getByTestId('settings-signaling-add').click();
    await c.getByText('That is not a signaling address.', { exact: false }).waitFor();
    await c.getByTestId('settings-connection').scrollIntoViewIfNeeded();
    await shot(c, 'settings-connection');
    await c.getByTestId('settings-signaling-input').fill('');

    // A browser cannot listen on a port: "Host a workshop" explains the standalone server.
    await c.getByText('Sensor Kit 2 launch').first().click();
    await c.getByTestId('share-open').click();
    await c.getByRole('button', { name: 'Host a workshop' }).click();
    await c.getByTestId('workshop-browser').waitFor();
    expect(await value(c, 'workshop-command')).toBe('npm run signal -- --host 0.0.0.0 --port 4444 --static dist/renderer');
    await shot(c, 'workshop-browser');
    expect(errors).toEqual([]);
  }, 120_000);
});
