import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, createPlan, waitSaved } from '../e2e/support/app';
import { freshProfile, RENDERER_DIST, tmpRoot, type FreshProfile } from '../e2e/support/browser';
import { serveStatic, type StaticServer } from '../e2e/support/staticServer';
import { makeRng, seedFromEnv } from '../support/rng';

/**
 * Crash durability: type bursts into a plan, remember what the UI showed as "Saved", kill -9
 * the whole Chromium process at a random moment in the next burst, reopen the profile and check
 * that everything shown as saved is there and the plan still opens. CRASHES=n (default 50).
 */
const CRASHES = Math.max(1, Number(process.env['CRASHES'] ?? 50));

let server: StaticServer;
let profileDir: string;
let open: FreshProfile | null = null;

beforeAll(async () => {
  server = await serveStatic(RENDERER_DIST);
  profileDir = mkdtempSync(join(tmpRoot(), 'crash-'));
});

afterAll(async () => {
  await open?.close();
  await server?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

/**
 * SIGKILL the browser of this profile and every process below it (renderers, the storage
 * service) at once, as when the whole app crashes: nobody gets a chance to flush anything.
 */
function killProfile(dir: string): void {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
  const victims = new Set(table.filter((p) => p.args.includes(`--user-data-dir=${dir}`)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (victims.has(p.ppid) && !victims.has(p.pid)) {
        victims.add(p.pid);
        grew = true;
      }
    }
  }
  for (const pid of victims) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already exited between ps and kill.
    }
  }
}

describe('crash durability', () => {
  const seed = seedFromEnv();
  it(`keeps every edit shown as saved across ${CRASHES} kill -9 crashes (seed ${seed})`, async () => {
    const rng = makeRng(seed);
    open = await freshProfile(server.origin, { dir: profileDir, keep: true });
    open.page.setDefaultTimeout(90_000);
    await open.page.goto(server.url);
    await completeFirstRun(open.page);
    await createPlan(open.page, 'Product launch', 'Crash test plan');
    const planUrl = open.page.url();
    let saved = '';
    let typedTotal = 0;

    for (let crash = 1; crash <= CRASHES; crash += 1) {
      const page = open.page;
      const pain = page.getByTestId('brief-pain');
      // The workspace (and its save status) renders only once the plan is loaded from disk.
      await page.getByTestId('save-status').waitFor();
      await pain.waitFor();
      const reopened = await pain.inputValue();
      expect(reopened.startsWith(saved), `crash ${crash - 1} (seed ${seed}): lost edits shown as saved.\nSaved: ${JSON.stringify(saved)}\nFound: ${JSON.stringify(reopened)}`).toBe(true);
      expect(await page.getByTestId('plan-title').textContent(), `crash ${crash - 1}: the plan did not reopen`).toContain('Crash test plan');

      // A burst that is allowed to finish and be shown as saved…
      await pain.focus();
      // Ctrl+End: plain End stops at the end of a wrapped visual line, not of the text.
      await page.keyboard.press('Control+End');
      await page.keyboard.type(`[${crash}:${Math.floor(rng() * 1e6)}]`, { delay: 5 });
      await waitSaved(page);
      saved = await pain.inputValue();
      // …then another burst, killed at a random moment while keys are still arriving.
      const burst = `<${crash}:${'x'.repeat(20 + Math.floor(rng() * 60))}>`;
      typedTotal += burst.length;
      const typing = page.keyboard.type(burst, { delay: 5 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.floor(rng() * 400)));
      killProfile(profileDir);
      await typing;
      await open.close();
      open = await freshProfile(server.origin, { dir: profileDir, keep: true });
      open.page.setDefaultTimeout(90_000);
      await open.page.goto(planUrl);
    }
    await open.page.getByTestId('save-status').waitFor();
    const final = await open.page.getByTestId('brief-pain').inputValue();
    expect(final.startsWith(saved), `final reopen (seed ${seed}) lost edits shown as saved.\nSaved: ${JSON.stringify(saved)}\nFound: ${JSON.stringify(final)}`).toBe(true);
    expect(typedTotal).toBeGreaterThan(0);
  });
});
