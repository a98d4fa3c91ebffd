/**
 * Signaling server throughput and memory under 200 simulated clients, against y-webrtc's
 * own bin/server.js measured in the same run with the same load.
 *
 * Both servers run in child processes started the same way (`node --import tsx …`), so
 * their resident memory is comparable; the load generator runs in this process. Clients
 * sit in TOPICS rooms of equal size and each publishes PUBLISHES_PER_CLIENT_PER_S frames
 * of y-webrtc-sized encrypted signaling data. We count frames delivered to *other*
 * subscribers per second (the stock server also echoes every publish to its sender, which
 * y-webrtc discards; those echoes are not counted for either server).
 *
 * The per-client rate (90/s; SIGNAL_BENCH_RATE overrides it) stays below Lockstep's default
 * rate limit (100 frames/s, burst 300), so the hardening is on and honest clients are not
 * throttled, and it is high enough that the servers cannot both keep up on this machine:
 * throughput is only compared when at least one side saturates. At 40/s both delivered every
 * frame on a quiet machine and the ratio measured the load generator's pacing (0.99–1.01).
 * A round fails if any client is disconnected; the note reports which share of the frames sent during the
 * window had arrived 3 s after it (below 100 % means the pair of processes fell behind the
 * offered load on this machine, not that frames were dropped: neither server drops frames
 * to a reader that keeps reading).
 *
 * On a shared machine the wall-clock throughput follows whatever CPU the processes get;
 * signal.cpu_us_per_msg (server CPU time per delivered frame) is the steadier comparison.
 *
 *   npx tsx test/bench/signal.bench.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { metric, type Metrics } from './metric';

const CLIENTS = 200;
const TOPICS = 20;
const PUBLISHES_PER_CLIENT_PER_S = Number(process.env['SIGNAL_BENCH_RATE'] ?? 90);
const TICK_MS = 50;
const WARMUP_MS = 1500;
const MEASURE_MS = 5000;
const ROUNDS = 2;
/** Roughly an AES-GCM-encrypted, base64 y-webrtc signal (an ICE candidate or a small SDP). */
const PAYLOAD_BYTES = 400;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ServerUnderTest {
  name: 'ours' | 'anchor';
  start(port: number): { child: ChildProcess; ready: RegExp };
}

const SERVERS: ServerUnderTest[] = [
  {
    name: 'anchor',
    start: (port) => ({
      child: spawn(process.execPath, ['--import', 'tsx', 'node_modules/y-webrtc/bin/server.js'], {
        cwd: ROOT,
        // bin/server.js reads only PORT and listens on every interface; we connect via loopback.
        env: { ...process.env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
      ready: /Signaling server running/,
    }),
  },
  {
    name: 'ours',
    start: (port) => ({
      child: spawn(process.execPath, ['--import', 'tsx', 'scripts/signal.ts', '--host', '127.0.0.1', '--port', String(port), '--quiet'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
      ready: /signaling: ws:\/\//,
    }),
  },
];

interface RoundResult {
  deliveredPerS: number;
  /** Server CPU time (user + system) per delivered frame: insensitive to other load on the machine. */
  cpuUsPerFrame: number;
  peakRssMb: number;
  /** RSS before any client connected: the runtime's own baseline. */
  idleRssMb: number;
  deliveryRatio: number;
  closedClients: number;
}

export async function benchSignal(): Promise<Metrics> {
  const results: Record<'ours' | 'anchor', RoundResult[]> = { ours: [], anchor: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of SERVERS) results[server.name].push(await runRound(server));
  }
  const ours = summarize(results.ours);
  const anchor = summarize(results.anchor);
  const load = `${CLIENTS} clients in ${TOPICS} topics, ${PUBLISHES_PER_CLIENT_PER_S} publishes/s each, ${PAYLOAD_BYTES} B`;
  return {
    'signal.msgs_per_s': metric(
      ours.deliveredPerS,
      'msg/s',
      anchor.deliveredPerS,
      `frames delivered to other subscribers, ${load}; best of ${ROUNDS}; frames sent in the window that arrived: ours ${pct(ours.deliveryRatio)}, stock ${pct(anchor.deliveryRatio)}; anchor = y-webrtc bin/server.js`,
    ),
    // Not one of the required metrics, but the one least disturbed by other load on the
    // machine: the server process's own CPU time per frame it delivered (lower is better).
    'signal.cpu_us_per_msg': metric(
      ours.cpuUsPerFrame,
      'µs',
      anchor.cpuUsPerFrame,
      `server CPU time (user + system) per delivered frame under the same load, lowest of ${ROUNDS}; anchor = y-webrtc bin/server.js`,
    ),
    'signal.rss_mb': metric(
      ours.peakRssMb,
      'MB',
      anchor.peakRssMb,
      `server peak RSS under that load (lower is better), both started with node --import tsx; idle before load ours ${ours.idleRssMb.toFixed(1)} MB, stock ${anchor.idleRssMb.toFixed(1)} MB; anchor = y-webrtc bin/server.js`,
    ),
  };
}

function summarize(rounds: RoundResult[]): RoundResult {
  const best = rounds.reduce((a, b) => (b.deliveredPerS > a.deliveredPerS ? b : a));
  return {
    ...best,
    peakRssMb: Math.max(...rounds.map((r) => r.peakRssMb)),
    idleRssMb: Math.max(...rounds.map((r) => r.idleRssMb)),
    cpuUsPerFrame: Math.min(...rounds.map((r) => r.cpuUsPerFrame)),
  };
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

async function runRound(server: ServerUnderTest): Promise<RoundResult> {
  const port = await freePort();
  const { child, ready } = server.start(port);
  try {
    await waitForOutput(child, ready, `${server.name} server`);
    const result = await driveLoad(`ws://127.0.0.1:${port}`, child.pid ?? 0);
    if (result.closedClients > 0) {
      throw new Error(`${server.name}: ${result.closedClients} of ${CLIENTS} clients were disconnected during the run`);
    }
    return result;
  } finally {
    child.kill('SIGKILL');
  }
}

async function driveLoad(url: string, pid: number): Promise<RoundResult> {
  const idleRss = rssBytes(pid);
  const payload = 'A'.repeat(PAYLOAD_BYTES);
  const windowMark = Buffer.from('"w":1');
  const sockets: WebSocket[] = [];
  /** Frames received from others while the measurement window is open. */
  let receivedInWindow = 0;
  /** Frames that were *sent* during the window and have arrived, whenever that was. */
  let windowFramesArrived = 0;
  let counting = false;
  let closedClients = 0;
  let stopping = false;

  // Connect in small batches so the connection storm does not dominate either server.
  for (let i = 0; i < CLIENTS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, CLIENTS - i) }, (_, k) => {
        const index = i + k;
        const ownTag = Buffer.from(`"from":"c${index}"`);
        const socket = new WebSocket(url, { perMessageDeflate: false });
        socket.on('message', (data: Buffer) => {
          // The stock server echoes to the sender; y-webrtc drops those, so do we.
          if (data.indexOf(ownTag) !== -1) return;
          if (counting) receivedInWindow++;
          if (data.indexOf(windowMark) !== -1) windowFramesArrived++;
        });
        socket.on('close', () => {
          if (!stopping) closedClients++;
        });
        socket.on('error', () => undefined);
        return new Promise<WebSocket>((resolve, reject) => {
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        });
      }),
    );
    sockets.push(...batch);
  }
  const topicOf = (index: number): string => `bench-topic-${index % TOPICS}`;
  sockets.forEach((socket, index) => socket.send(JSON.stringify({ type: 'subscribe', topics: [topicOf(index)] })));
  await Promise.all(sockets.map((socket) => pingPong(socket)));

  const frame = (index: number, inWindow: 0 | 1): string =>
    JSON.stringify({ type: 'publish', topic: topicOf(index), data: { type: 'signal', from: `c${index}`, to: 'x', w: inWindow, signal: payload } });
  const warmupFrames = sockets.map((_, index) => frame(index, 0));
  const windowFrames = sockets.map((_, index) => frame(index, 1));
  const perTick = (PUBLISHES_PER_CLIENT_PER_S * TICK_MS) / 1000;
  let sendingWindow = false;
  let windowPublishes = 0;
  let carry = 0;
  const timer = setInterval(() => {
    carry += perTick;
    const due = Math.floor(carry);
    carry -= due;
    const frames = sendingWindow ? windowFrames : warmupFrames;
    for (let n = 0; n < due; n++) {
      sockets.forEach((socket, index) => socket.send(frames[index] ?? ''));
      if (sendingWindow) windowPublishes += CLIENTS;
    }
  }, TICK_MS);

  await sleep(WARMUP_MS);
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, rssBytes(pid));
  }, 250);
  counting = true;
  sendingWindow = true;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await sleep(MEASURE_MS);
  clearInterval(timer);
  counting = false;
  const elapsedS = (performance.now() - started) / 1000;
  const cpuUsed = cpuSeconds(pid) - cpuBefore;
  peakRss = Math.max(peakRss, rssBytes(pid));

  // Let the backlog drain so a lagging server is not mistaken for a dropping one.
  const expected = windowPublishes * (CLIENTS / TOPICS - 1);
  const drainUntil = performance.now() + 3000;
  while (windowFramesArrived < expected && performance.now() < drainUntil) await sleep(50);
  clearInterval(rssTimer);

  stopping = true;
  for (const socket of sockets) socket.terminate();
  return {
    deliveredPerS: receivedInWindow / elapsedS,
    cpuUsPerFrame: receivedInWindow === 0 ? Number.NaN : (cpuUsed * 1e6) / receivedInWindow,
    peakRssMb: peakRss / (1024 * 1024),
    idleRssMb: idleRss / (1024 * 1024),
    deliveryRatio: expected === 0 ? 0 : windowFramesArrived / expected,
    closedClients,
  };
}

function pingPong(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      if (data.toString() === '{"type":"pong"}') {
        socket.off('message', onMessage);
        resolve();
      }
    };
    socket.on('message', onMessage);
    socket.send('{"type":"ping"}');
  });
}

/** CPU seconds (user + system) another process has used, from /proc; NaN where unavailable. */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces) start at index 2 = state.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / CLOCK_TICKS_PER_S;
  } catch {
    return Number.NaN;
  }
}
/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_S = 100;

/** Resident set size of another process: /proc on Linux, ps elsewhere. */
function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // Not Linux: fall through to ps.
  }
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
  } catch {
    return Number.NaN;
  }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${String(code)} before it was ready:\n${output}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  console.log(await benchSignal());
  console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
