/**
 * Seeded fuzzing of the signaling server: several hostile clients throw random bytes,
 * malformed and mutated frames, oversized frames, topic abuse and floods at it (and
 * reconnect whenever they are thrown out) while two honest clients keep exchanging
 * numbered messages through it. The server must stay up, keep relaying every honest
 * message in order, clean up after the attackers and keep its transcript free of content.
 *
 * Reproduce a failure with the printed seed: SEED=<n> npx vitest run --project reliability test/reliability/signaling-fuzz.test.ts
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { WebSocket } from 'ws';
import { startSignalingServer, type RunningSignalingServer } from '../../electron/main/signaling/server';
import { seedFromEnv } from '../support/rng';

const SEED = seedFromEnv();
const ATTACKERS = 4;
const ACTIONS_PER_ATTACKER = 1500;
const HONEST_MESSAGES = 150;
/** Below the default rate limit (100 frames/s): honest clients must never be throttled. */
const HONEST_INTERVAL_MS = 20;
const HONEST_TOPIC = 'honest-plan-room-7f3a';
const TIME_BUDGET_MS = 90_000;

type Gen = prng.PRNG;

let server: RunningSignalingServer | null = null;
const sockets = new Set<WebSocket>();
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await server?.close();
});

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', () => reject(new Error('refused')));
    socket.once('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// Random input

function randomJson(gen: Gen, depth = 0): unknown {
  const kind = prng.int32(gen, 0, depth > 4 ? 4 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return prng.bool(gen);
    case 2:
      return prng.oneOf(gen, [0, -1, 1e308, -0, 2 ** 53, 3.14, Number.MAX_SAFE_INTEGER]);
    case 3:
      return prng.utf16String(gen, 40);
    case 4:
      return prng.oneOf(gen, ['subscribe', 'unsubscribe', 'publish', 'ping', 'pong', '__proto__', 'constructor', HONEST_TOPIC, '']);
    case 5:
    case 6: {
      const object: Record<string, unknown> = {};
      const keys = prng.int32(gen, 0, 5);
      for (let i = 0; i < keys; i++) {
        const key = prng.oneOf(gen, ['type', 'topic', 'topics', 'data', 'clients', '__proto__', prng.word(gen, 1, 8)]);
        object[key] = randomJson(gen, depth + 1);
      }
      return object;
    }
    default:
      return Array.from({ length: prng.int32(gen, 0, 5) }, () => randomJson(gen, depth + 1));
  }
}

/** A valid frame with one field swapped for something of the wrong shape. */
function mutatedFrame(gen: Gen): Record<string, unknown> {
  const valid: Record<string, unknown>[] = [
    { type: 'subscribe', topics: [prng.word(gen, 1, 12)] },
    { type: 'unsubscribe', topics: [prng.word(gen, 1, 12)] },
    { type: 'publish', topic: HONEST_TOPIC, data: { type: 'announce', from: 'mallory' } },
    { type: 'ping' },
  ];
  const frame = { ...prng.oneOf(gen, valid) };
  const field = prng.oneOf(gen, ['type', 'topic', 'topics', 'data']);
  frame[field] = randomJson(gen);
  return frame;
}

type Action = (socket: WebSocket, gen: Gen) => void;

const ACTIONS: { weight: number; name: string; run: Action }[] = [
  { weight: 8, name: 'random bytes', run: (s, g) => s.send(Buffer.from(prng.uint8Array(g, prng.int32(g, 0, 2000)))) },
  { weight: 4, name: 'invalid UTF-8 as text', run: (s, g) => s.send(Buffer.concat([Buffer.from('{"type":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(prng.word(g))]), { binary: false }) },
  { weight: 8, name: 'random text', run: (s, g) => s.send(prng.utf16String(g, 300)) },
  { weight: 10, name: 'random JSON', run: (s, g) => s.send(JSON.stringify(randomJson(g))) },
  { weight: 10, name: 'mutated frame', run: (s, g) => s.send(JSON.stringify(mutatedFrame(g))) },
  { weight: 6, name: 'truncated frame', run: (s, g) => s.send(JSON.stringify({ type: 'publish', topic: HONEST_TOPIC, data: 'x'.repeat(50) }).slice(0, prng.int32(g, 0, 60))) },
  { weight: 6, name: 'publish without subscribe', run: (s, g) => s.send(JSON.stringify({ type: 'publish', topic: prng.oneOf(g, [HONEST_TOPIC, 'elsewhere']), data: { type: 'announce', from: 'mallory' } })) },
  {
    weight: 4,
    name: 'join the honest room and publish junk',
    run: (s, g) => {
      s.send(JSON.stringify({ type: 'subscribe', topics: [HONEST_TOPIC] }));
      s.send(JSON.stringify({ type: 'publish', topic: HONEST_TOPIC, data: prng.bool(g) ? prng.utf16String(g, 100) : { type: 'signal', from: 'alice', seq: -1 } }));
    },
  },
  { weight: 3, name: 'long topic', run: (s, g) => s.send(JSON.stringify({ type: 'subscribe', topics: ['t'.repeat(prng.int32(g, 257, 5000))] })) },
  { weight: 2, name: 'too many topics', run: (s, g) => s.send(JSON.stringify({ type: 'subscribe', topics: Array.from({ length: prng.int32(g, 30, 200) }, (_, i) => `topic-${i}`) })) },
  { weight: 2, name: 'deep nesting', run: (s, g) => s.send(`{"type":"publish","topic":"${HONEST_TOPIC}","data":${'{"a":'.repeat(prng.int32(g, 100, 12_000))}1${'}'.repeat(12_000)}}`) },
  { weight: 1, name: 'oversized frame', run: (s, g) => s.send('x'.repeat(64 * 1024 + prng.int32(g, 1, 200_000))) },
  {
    weight: 1,
    name: 'flood',
    run: (s, g) => {
      const frame = prng.bool(g) ? '{"type":"ping"}' : JSON.stringify({ type: 'publish', topic: 'elsewhere', data: 'flood' });
      for (let i = prng.int32(g, 200, 1000); i > 0; i--) s.send(frame);
    },
  },
  { weight: 1, name: 'abrupt disconnect', run: (s) => s.terminate() },
];
const TOTAL_WEIGHT = ACTIONS.reduce((sum, action) => sum + action.weight, 0);

function pickAction(gen: Gen): (typeof ACTIONS)[number] {
  let roll = prng.int32(gen, 0, TOTAL_WEIGHT - 1);
  for (const action of ACTIONS) {
    roll -= action.weight;
    if (roll < 0) return action;
  }
  return ACTIONS[0] as (typeof ACTIONS)[number];
}

async function attacker(url: string, gen: Gen, deadline: number, tally: Map<string, number>): Promise<void> {
  let socket = await connect(url);
  for (let i = 0; i < ACTIONS_PER_ATTACKER && Date.now() < deadline; i++) {
    if (socket.readyState !== WebSocket.OPEN) socket = await connect(url);
    const action = pickAction(gen);
    tally.set(action.name, (tally.get(action.name) ?? 0) + 1);
    action.run(socket, gen);
    // Yield now and then (and wait for the socket to drain) so the honest clients get turns.
    if (i % 10 === 0 || socket.bufferedAmount > 1_000_000) await sleep(1);
  }
  socket.terminate();
}

// ---------------------------------------------------------------------------------------
// Honest clients

interface Honest {
  socket: WebSocket;
  received: number[];
}

async function honestClient(url: string, other: string): Promise<Honest> {
  const socket = await connect(url);
  const received: number[] = [];
  socket.on('message', (raw: Buffer) => {
    let frame: unknown;
    try {
      frame = JSON.parse(raw.toString());
    } catch {
      return;
    }
    // Like y-webrtc, ignore anything that is not a well-formed message from the expected peer.
    const data = (frame as { data?: { from?: unknown; seq?: unknown; tag?: unknown } } | null)?.data;
    if (typeof data === 'object' && data !== null && data.from === other && data.tag === `from-${other}` && typeof data.seq === 'number') received.push(data.seq);
  });
  socket.send(JSON.stringify({ type: 'subscribe', topics: [HONEST_TOPIC] }));
  // Once the pong is back the subscription is in place, so no message can miss it.
  await new Promise<void>((resolve) => {
    const onPong = (raw: Buffer): void => {
      if (raw.toString() !== '{"type":"pong"}') return;
      socket.off('message', onPong);
      resolve();
    };
    socket.on('message', onPong);
    socket.send('{"type":"ping"}');
  });
  return { socket, received };
}

async function talk(client: Honest, name: string): Promise<void> {
  for (let seq = 0; seq < HONEST_MESSAGES; seq++) {
    client.socket.send(JSON.stringify({ type: 'publish', topic: HONEST_TOPIC, data: { type: 'signal', from: name, tag: `from-${name}`, seq, sdp: 'v=0 SECRET-SDP-BODY' } }));
    await sleep(HONEST_INTERVAL_MS);
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(20);
  return check();
}

describe(`signaling server under fuzzing (seed ${SEED})`, () => {
  it('stays up, relays every honest message in order, and cleans up after attackers', async () => {
    try {
      const logs: string[] = [];
      server = await startSignalingServer({ host: '127.0.0.1', port: 0, onLog: (line) => logs.push(line) });
      const url = `ws://127.0.0.1:${server.port}`;
      const deadline = Date.now() + TIME_BUDGET_MS;

      const alice = await honestClient(url, 'bob');
      const bob = await honestClient(url, 'alice');

      const tally = new Map<string, number>();
      const master = prng.create(SEED);
      const attacks = Array.from({ length: ATTACKERS }, () => attacker(url, prng.create(prng.int32(master, 1, 2 ** 30)), deadline, tally));
      await Promise.all([talk(alice, 'alice'), talk(bob, 'bob'), ...attacks]);

      const expected = Array.from({ length: HONEST_MESSAGES }, (_, i) => i);
      await until(() => alice.received.length >= HONEST_MESSAGES && bob.received.length >= HONEST_MESSAGES, 10_000);
      expect(alice.socket.readyState, 'alice was disconnected').toBe(WebSocket.OPEN);
      expect(bob.socket.readyState, 'bob was disconnected').toBe(WebSocket.OPEN);
      expect(bob.received).toEqual(expected);
      expect(alice.received).toEqual(expected);

      // Attackers are gone: only the honest pair and their one topic remain.
      const running = server;
      expect(await until(() => running.stats().connections === 2, 10_000), `connections left: ${running.stats().connections}`).toBe(true);
      expect(running.stats().topics).toBe(1);
      expect(running.stats().messagesRejected).toBeGreaterThan(ATTACKERS * 100);

      // And it still accepts and serves newcomers.
      const newcomer = await connect(url);
      const pong = new Promise<string>((resolve) => newcomer.once('message', (raw: Buffer) => resolve(raw.toString())));
      newcomer.send('{"type":"ping"}');
      expect(await pong).toBe('{"type":"pong"}');

      const transcript = logs.join('\n');
      expect(transcript).not.toContain(HONEST_TOPIC);
      expect(transcript).not.toContain('SECRET-SDP-BODY');
      expect(transcript).not.toContain('mallory');
      console.log(`signaling fuzz seed ${SEED}: ${[...tally].map(([name, n]) => `${name} ${n}`).join(', ')}; stats ${JSON.stringify(running.stats())}`);
    } catch (error) {
      console.error(`signaling fuzz FAILED with SEED=${SEED}. Reproduce: SEED=${SEED} npx vitest run --project reliability test/reliability/signaling-fuzz.test.ts`);
      throw error;
    }
  }, 150_000);
});
