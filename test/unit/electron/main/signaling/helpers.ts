/** Shared plumbing for the signaling tests: servers on loopback, scripted ws clients. */
import { WebSocket, type ClientOptions } from 'ws';
import {
  startSignalingServer,
  type RunningSignalingServer,
  type SignalingServerOptions,
} from '../../../../../electron/main/signaling/server';

export interface TestServer {
  server: RunningSignalingServer;
  url: string;
  logs: string[];
}

const openServers = new Set<RunningSignalingServer>();
const openClients = new Set<TestClient>();

export async function startTestServer(options: Omit<SignalingServerOptions, 'host' | 'port' | 'onLog'> = {}): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startSignalingServer({ ...options, host: '127.0.0.1', port: 0, onLog: (line) => logs.push(line) });
  openServers.add(server);
  return { server, url: `ws://127.0.0.1:${server.port}`, logs };
}

/** Call from afterEach: closes everything the test opened, even when it failed. */
export async function closeEverything(): Promise<void> {
  for (const client of openClients) client.socket.terminate();
  openClients.clear();
  await Promise.all([...openServers].map((server) => server.close()));
  openServers.clear();
}

export interface Closed {
  code: number;
  reason: string;
}

/** A ws client that queues what it receives so tests can wait for specific frames. */
export class TestClient {
  readonly received: unknown[] = [];
  readonly closed: Promise<Closed>;
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    openClients.add(this);
    socket.on('message', (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        parsed = { unparsable: String(data) };
      }
      this.received.push(parsed);
      this.#notify();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.#notify();
      });
    });
    // Errors (e.g. server closing abruptly) surface through `closed`.
    socket.on('error', () => undefined);
  }

  static async connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Resolves with the first received frame (now or later) that matches. */
  async next(predicate: (frame: unknown) => boolean, what = 'a matching frame', timeoutMs = 5000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found !== undefined) return found;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`connection closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** A ping/pong round trip: every frame sent before it has been processed by the server. */
  async roundTrip(): Promise<void> {
    const before = this.received.filter(isPong).length;
    this.send({ type: 'ping' });
    await this.next(() => this.received.filter(isPong).length > before, 'pong');
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

export function isPong(frame: unknown): boolean {
  return typeof frame === 'object' && frame !== null && (frame as { type?: unknown }).type === 'pong';
}

export function isPublish(frame: unknown): frame is { type: 'publish'; topic: string; data: unknown } {
  return typeof frame === 'object' && frame !== null && (frame as { type?: unknown }).type === 'publish';
}

/** Polls a condition that depends on the server's own event loop turn (e.g. a close). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
