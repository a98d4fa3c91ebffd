/**
 * Stock y-webrtc clients against our server: two real WebrtcProviders (in two Node
 * processes, with @roamhq/wrtc for WebRTC) find each other through it, connect and sync.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { closeEverything, startTestServer } from './helpers';

afterEach(closeEverything);

const FIXTURE = fileURLToPath(new URL('./fixtures/y-webrtc-peer.ts', import.meta.url));

interface Peer {
  /** Resolves once the peer's signaling WebSocket is connected to our server. */
  signalingConnected: Promise<void>;
  done: Promise<{ code: number | null; output: string }>;
}

function runPeer(url: string, room: string, password: string, name: string, other: string): Peer {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, url, room, password, name, other], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let onSignaling: () => void = () => undefined;
  const signalingConnected = new Promise<void>((resolve) => (onSignaling = resolve));
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.includes('SIGNALING-CONNECTED')) onSignaling();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    // A peer that never syncs must not hang the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      onSignaling();
      resolve({ code, output });
    });
  });
  return { signalingConnected, done };
}

describe('stock y-webrtc clients', () => {
  it.each([
    ['with a room password (encrypted signaling)', 'correct horse battery staple'],
    ['without a password (session descriptions in clear)', '-'],
  ])('connect and sync through the server %s, and the transcript stays clean', async (_label, password) => {
    const { server, url, logs } = await startTestServer();
    const room = 'Q3 launch of Product Nimbus';
    // Staggered on purpose: two y-webrtc peers started in the same millisecond stall about
    // once in 20 (a y-webrtc weakness the app handles elsewhere; see environment.md).
    const first = runPeer(url, room, password, 'alice', 'bob');
    await first.signalingConnected;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = runPeer(url, room, password, 'bob', 'alice');
    const [alice, bob] = await Promise.all([first.done, second.done]);

    for (const peer of [alice, bob]) {
      expect(peer.output).toContain('SYNCED');
      expect(peer.code).toBe(0);
    }
    expect(JSON.parse(alice.output.split('SYNCED ')[1]?.split('\n')[0] ?? 'null')).toEqual({ alice: 'hello from alice', bob: 'hello from bob' });
    // announce + offer/answer + candidates went through us, and nothing was refused.
    expect(server.stats().messagesRelayed).toBeGreaterThanOrEqual(3);
    expect(server.stats().messagesRejected).toBe(0);

    const transcript = logs.join('\n');
    for (const secret of ['Nimbus', 'Q3 launch', 'horse', 'v=0', 'candidate', 'sdp', 'offer', 'answer', 'alice', 'bob']) {
      expect(transcript).not.toContain(secret);
    }
  }, 120_000);
});
