import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Flags that keep Chromium quiet on a closed network (see shared engineering/environment.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-loopback-in-peer-connection',
];

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** LOCKSTEP_RENDERER_DIST points at a private build when several people build dist/ at once. */
export const RENDERER_DIST = process.env['LOCKSTEP_RENDERER_DIST'] ?? join(REPO_ROOT, 'dist/renderer');

/** Temporary files (profiles) stay under the repo's gitignored .tmp, not the system temp. */
export function tmpRoot(): string {
  const dir = join(REPO_ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  process.env['TMPDIR'] = dir;
  return dir;
}

export async function launchChromium(): Promise<Browser> {
  tmpRoot();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface FreshProfile {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh persistent profile (own IndexedDB) in its own Chromium process. Persistent so that a
 * test can also close and relaunch the same profile; deleted on close.
 */
export async function freshProfile(origin: string, opts: { dir?: string; keep?: boolean; viewport?: { width: number; height: number } } = {}): Promise<FreshProfile> {
  const dir = opts.dir ?? mkdtempSync(join(tmpRoot(), 'profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
  });
  await context.grantPermissions(['microphone', 'camera'], { origin });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
