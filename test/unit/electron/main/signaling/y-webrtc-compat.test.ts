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

function runPeer(url: string, room: string, password: string, name: string, other: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, url, room, password, name, other], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A peer that never syncs must not hang the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('stock y-webrtc clients', () => {
  it.each([
    ['with a room password (encrypted signaling)', 'correct horse battery staple'],
    ['without a password (session descriptions in clear)', '-'],
  ])('connect and sync through the server %s, and the transcript stays clean', async (_label, password) => {
    const { server, url, logs } = await startTestServer();
    const room = 'Q3 launch of Product Nimbus';
    const [alice, bob] = await Promise.all([runPeer(url, room, password, 'alice', 'bob'), runPeer(url, room, password, 'bob', 'alice')]);

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
  }, 60_000);
});
