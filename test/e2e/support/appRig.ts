/**
 * The set-up the app e2e files share: the built renderer served (by the project's signaling
 * server when people sync, else a plain static server), people opened in fresh profiles, and
 * everything closed after the file, even on failure. Kept apart from app.ts, which benches
 * import outside Vitest.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSignalingServer } from '../../../electron/main/signaling/server';
import { openPerson } from './app';
import { RENDERER_DIST, type FreshProfile } from './browser';
import { serveStatic } from './staticServer';

export interface AppRig {
  /** http://127.0.0.1:PORT of the served app (throws before beforeAll has run). */
  readonly origin: string;
  /** Uncaught page errors of every person, for `expect(errors).toEqual([])`. */
  readonly errors: string[];
  /** A person in a fresh profile at `url` (the app's start page by default), past first run. */
  person(name?: string, url?: string): Promise<Page>;
}

export function useAppRig(options: { signaling: boolean; viewport: { width: number; height: number }; timeoutMs?: number }): AppRig {
  let server: { close(): Promise<void> } | undefined;
  let origin: string | undefined;
  const profiles: FreshProfile[] = [];
  const errors: string[] = [];
  beforeAll(async () => {
    if (!existsSync(join(RENDERER_DIST, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
    if (options.signaling) {
      const signaling = await startSignalingServer({ host: '127.0.0.1', port: 0, staticDir: RENDERER_DIST });
      server = signaling;
      origin = `http://127.0.0.1:${signaling.port}`;
    } else {
      const plain = await serveStatic(RENDERER_DIST);
      server = plain;
      origin = plain.origin;
    }
  });
  afterAll(async () => {
    await Promise.all(profiles.map((p) => p.close()));
    await server?.close();
  });
  const rig: AppRig = {
    get origin(): string {
      if (origin === undefined) throw new Error('the app server did not start');
      return origin;
    },
    errors,
    person(name, url) {
      return openPerson({
        origin: rig.origin,
        url: url ?? `${rig.origin}/`,
        ...(name === undefined ? {} : { name }),
        viewport: options.viewport,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        errors,
        opened: profiles,
      });
    },
  };
  return rig;
}
