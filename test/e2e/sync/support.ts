/**
 * Shared plumbing for the sync e2e tests: builds the harness page once, runs the project's
 * signaling server (serving the harness), an optional recording WebSocket relay, and
 * separate Chromium processes as peers.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { startSignalingServer } from '../../../electron/main/signaling/server';
import { CHROMIUM_ARGS as BASE_CHROMIUM_ARGS } from '../support/browser';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HARNESS_OUT = path.join(ROOT, 'dist/harness');
const TMP = path.join(ROOT, '.tmp/e2e-sync');

/** The shared flags, plus: many peers share 2 cores, so hidden pages must not be throttled. */
export const CHROMIUM_ARGS = [
  ...BASE_CHROMIUM_ARGS,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/harness unless it is newer than every source it depends on. */
export async function ensureHarnessBuilt(): Promise<string> {
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'renderer/harness')),
    newestMtime(path.join(ROOT, 'renderer/sync')),
    statSync(path.join(ROOT, 'shared/invite.ts')).mtimeMs,
    statSync(path.join(ROOT, 'vite.harness.config.ts')).mtimeMs,
  );
  let built: number;
  try {
    built = statSync(path.join(HARNESS_OUT, 'sync.html')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < sources) await build({ configFile: path.join(ROOT, 'vite.harness.config.ts'), logLevel: 'warn' });
  return HARNESS_OUT;
}

export interface TestServer {
  httpUrl: string;
  wsUrl: string;
  log: string[];
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const log: string[] = [];
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, staticDir: HARNESS_OUT, onLog: (line) => log.push(line) });
  return {
    httpUrl: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    log,
    close: () => server.close(),
  };
}

export interface RecordingRelay {
  url: string;
  /** Every WebSocket frame, both directions, as the signaling server sees it. */
  frames: string[];
  /** Drops every connection and refuses new ones until resume(). */
  pause(): Promise<void>;
  resume(): void;
  close(): Promise<void>;
}

/** A WebSocket relay in front of the signaling server that records every frame in clear. */
export async function startRecordingRelay(targetWsUrl: string): Promise<RecordingRelay> {
  const frames: string[] = [];
  let paused = false;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();
  wss.on('connection', (client) => {
    if (paused) {
      client.terminate();
      return;
    }
    const upstream = new WebSocket(targetWsUrl);
    sockets.add(client);
    sockets.add(upstream);
    const pending: RawData[] = [];
    const text = (data: RawData): string => (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');
    client.on('message', (data) => {
      frames.push(`> ${text(data)}`);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text(data));
      else pending.push(data);
    });
    upstream.on('open', () => {
      for (const data of pending.splice(0)) upstream.send(text(data));
    });
    upstream.on('message', (data) => {
      frames.push(`< ${text(data)}`);
      if (client.readyState === WebSocket.OPEN) client.send(text(data));
    });
    const closeBoth = (): void => {
      client.terminate();
      upstream.terminate();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    frames,
    async pause() {
      paused = true;
      for (const s of sockets) s.terminate();
      sockets.clear();
    },
    resume() {
      paused = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close(() => resolve());
      }),
  };
}

export function newSecretHex(): string {
  return randomBytes(16).toString('hex');
}

export function harnessUrl(server: TestServer, secretHex: string, signal: string, name: string, timing?: Record<string, number>): string {
  const hash = new URLSearchParams({ secret: secretHex, signal, name, ...(timing ? { timing: JSON.stringify(timing) } : {}) }).toString();
  return `${server.httpUrl}/sync.html#${hash}`;
}

export interface Peer {
  name: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A separate Chromium process (not a page of a shared browser: those sync through BroadcastChannel). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(TMP, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, env: { ...process.env, TMPDIR: TMP } });
}

export async function openPeer(browser: Browser, url: string, name: string): Promise<Peer> {
  const context = await browser.newContext();
  await context.grantPermissions(['microphone', 'camera'], { origin: new URL(url).origin });
  const page = await context.newPage();
  // The machine is shared; under load a page can take long to load, never to sync.
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (process.env['HARNESS_CONSOLE']) page.on('console', (m) => console.log(`[${name}]`, m.text()));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.__harness === 'object');
  return { name, browser, context, page, errors };
}

export async function launchPeer(url: string, name: string): Promise<Peer> {
  const browser = await launchBrowser();
  try {
    return await openPeer(browser, url, name);
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export async function closeAll(items: Array<{ close(): Promise<void> } | undefined>): Promise<void> {
  await Promise.allSettled(items.map((item) => item?.close()));
}

export async function closePeers(peers: Peer[]): Promise<void> {
  await Promise.allSettled(peers.map((p) => p.browser.close()));
}

export interface ReceiveCounts {
  /** Framed (large) messages whose first frame arrived. */
  largeMessages: number;
  /** Tail probes (empty awareness updates) that arrived. */
  tailProbes: number;
  /** Tail probes that arrived after a large message began. */
  probesAfterLarge: number;
}

/**
 * Counts what arrives over the page's data channels, from the wire bytes (frame marker 0xF5,
 * then varuint message id and frame index). Call before the session starts: it wraps the
 * handler simple-peer assigns to `onmessage` on every channel opened afterwards.
 */
export async function spyOnReceived(peer: Peer): Promise<void> {
  await peer.page.evaluate(() => {
    const counts = { largeMessages: 0, tailProbes: 0, probesAfterLarge: 0 };
    (globalThis as unknown as { __received: typeof counts }).__received = counts;
    const readVarUint = (bytes: Uint8Array, start: number): [number, number] => {
      let value = 0;
      let shift = 0;
      let pos = start;
      for (;;) {
        const byte = bytes[pos++] ?? 0;
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if (byte < 0x80 || pos >= bytes.length) return [value, pos];
      }
    };
    const descriptor = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage');
    if (!descriptor?.set || !descriptor.get) throw new Error('RTCDataChannel.onmessage is not an accessor here');
    const { get, set } = descriptor;
    Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
      configurable: true,
      get(this: RTCDataChannel) {
        return get.call(this);
      },
      set(this: RTCDataChannel, handler: ((event: MessageEvent) => void) | null) {
        if (handler === null) {
          set.call(this, null);
          return;
        }
        set.call(this, (event: MessageEvent) => {
          if (event.data instanceof ArrayBuffer) {
            const bytes = new Uint8Array(event.data);
            if (bytes[0] === 0xf5) {
              const [, afterId] = readVarUint(bytes, 1);
              if (readVarUint(bytes, afterId)[0] === 0) counts.largeMessages++;
            } else if (bytes.length === 3 && bytes[0] === 1 && bytes[1] === 1 && bytes[2] === 0) {
              counts.tailProbes++;
              if (counts.largeMessages > 0) counts.probesAfterLarge++;
            }
          }
          handler.call(this, event);
        });
      },
    });
  });
}

export function readReceived(peer: Peer): Promise<ReceiveCounts> {
  return peer.page.evaluate(() => (globalThis as unknown as { __received: ReceiveCounts }).__received);
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function read(peer: Peer): Promise<Record<string, unknown>> {
  return peer.page.evaluate(() => window.__harness.read());
}

function canonical(value: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True once every peer's map equals every other's and their state vectors match. */
export async function converged(peers: Peer[]): Promise<boolean> {
  const states = await Promise.all(peers.map((p) => p.page.evaluate(() => ({ kv: window.__harness.read(), sv: window.__harness.stateVector() }))));
  const first = states[0];
  return first !== undefined && states.every((s) => canonical(s.kv) === canonical(first.kv) && s.sv === first.sv);
}

/** Runs `task` for every item with at most `limit` running at once; results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index] as T, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface SyncRig {
  /** The file's signaling server (throws before beforeAll has run). */
  readonly server: TestServer;
  /** Launches a separate Chromium process on the harness page; closed after the file. */
  launch(secretHex: string, name: string, signal?: string): Promise<Peer>;
  /** Closes `item` after the file (relays, extra servers). */
  track<T extends { close(): Promise<void> }>(item: T): T;
}

/**
 * The set-up every sync e2e file shares: the harness page built once, one signaling server
 * per file, and everything launched through the rig closed afterwards, even on failure.
 */
export function useSyncRig(): SyncRig {
  let server: TestServer | undefined;
  const peers: Peer[] = [];
  const tracked: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    await ensureHarnessBuilt();
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => {
    await closePeers(peers);
    await closeAll(tracked);
    await server?.close();
  });
  const rig: SyncRig = {
    get server(): TestServer {
      if (server === undefined) throw new Error('the sync test server did not start');
      return server;
    },
    async launch(secretHex, name, signal) {
      const s = rig.server;
      const peer = await launchPeer(harnessUrl(s, secretHex, signal ?? s.wsUrl, name), name);
      peers.push(peer);
      return peer;
    },
    track(item) {
      tracked.push(item);
      return item;
    },
  };
  return rig;
}
