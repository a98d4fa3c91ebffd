/**
 * Two and three separate Chromium processes on loopback, through the project's signaling
 * server: live edits both ways, presence, stale presence removed, a malicious peer, and the
 * signaling server going away mid-session.
 */
import { describe, expect, it } from 'vitest';
import {
  closePeers,
  converged,
  newSecretHex,
  read,
  startRecordingRelay,
  waitFor,
  type Peer,
  useSyncRig,
} from './support';

const rig = useSyncRig();

async function startPeers(count: number, signal?: string, secret = newSecretHex()): Promise<Peer[]> {
  const started = await Promise.all(Array.from({ length: count }, (_, i) => rig.launch(secret, `peer-${i}`, signal)));
  for (const p of started) await p.page.evaluate(() => window.__harness.start());
  return started;
}

const stop = closePeers;

describe('sync between separate Chromium processes', () => {
  it('two peers converge with live edits both ways and see each other', async () => {
    const [a, b] = (await startPeers(2)) as [Peer, Peer];
    await a.page.evaluate(() => window.__harness.set('from-a', 1));
    await b.page.evaluate(() => window.__harness.set('from-b', 2));
    expect(await waitFor(() => converged([a, b]), 20_000), 'initial convergence').toBe(true);
    expect(await read(a)).toEqual({ 'from-a': 1, 'from-b': 2 });
    // Live edits, interleaved.
    for (let i = 0; i < 20; i++) {
      await (i % 2 === 0 ? a : b).page.evaluate((n) => window.__harness.set(`live-${n}`, n), i);
    }
    expect(await waitFor(() => converged([a, b]), 10_000), 'live edits').toBe(true);
    expect(Object.keys(await read(b))).toHaveLength(22);
    // Presence: each sees the other's validated state; status shows a synced peer.
    expect(await waitFor(async () => (await b.page.evaluate(() => window.__harness.presence())).some((p) => p.user.name === 'peer-0'), 10_000)).toBe(true);
    const status = await a.page.evaluate(() => window.__harness.status());
    expect(status?.state).toBe('connected');
    expect(status?.peers.some((p) => p.synced && p.name === 'peer-1')).toBe(true);
    expect(status?.lastSyncedWith).toBe('peer-1');
    expect(a.errors).toEqual([]);
    await stop([a, b]);
  });

  it('three peers converge and presence of a peer that leaves is removed', async () => {
    const [a, b, c] = (await startPeers(3)) as [Peer, Peer, Peer];
    await Promise.all([a, b, c].map((p, i) => p.page.evaluate((n) => window.__harness.set(`p${n}`, `v${n}`), i)));
    expect(await waitFor(() => converged([a, b, c]), 25_000), 'three-way convergence').toBe(true);
    expect(Object.keys(await read(c)).sort()).toEqual(['p0', 'p1', 'p2']);
    expect(await waitFor(async () => (await a.page.evaluate(() => window.__harness.presence())).length === 2, 10_000)).toBe(true);
    // c goes offline: a and b drop its presence at once (not after y-protocols' 30 s timeout).
    await c.page.evaluate(() => window.__harness.disconnect());
    expect(await waitFor(async () => (await a.page.evaluate(() => window.__harness.presence())).length === 1, 8_000), 'stale presence removed').toBe(true);
    // c edits offline, comes back: its edits and presence return, and it sees the others'.
    await c.page.evaluate(() => window.__harness.set('offline-c', true));
    await a.page.evaluate(() => window.__harness.set('while-c-away', true));
    await c.page.evaluate(() => window.__harness.reconnect());
    expect(await waitFor(() => converged([a, b, c]), 20_000), 'after reconnect').toBe(true);
    expect(await waitFor(async () => (await a.page.evaluate(() => window.__harness.presence())).length === 2, 10_000), 'presence back').toBe(true);
    await stop([a, b, c]);
  });

  it('a malicious peer sending garbage does not break two honest peers', async () => {
    const [a, b, evil] = (await startPeers(3)) as [Peer, Peer, Peer];
    await a.page.evaluate(() => window.__harness.set('before', 1));
    expect(await waitFor(() => converged([a, b, evil]), 25_000), 'everyone connected').toBe(true);
    const seed = Date.now() % 100_000;
    let sent = 0;
    for (let round = 0; round < 5; round++) sent += await evil.page.evaluate((s) => window.__harness.sendGarbage(s), seed + round);
    expect(sent, `garbage seed ${seed}`).toBeGreaterThan(0);
    await a.page.evaluate(() => window.__harness.set('after-a', 1));
    await b.page.evaluate(() => window.__harness.set('after-b', 2));
    expect(await waitFor(() => converged([a, b]), 15_000), `honest peers still sync (garbage seed ${seed})`).toBe(true);
    const status = await a.page.evaluate(() => window.__harness.status());
    expect(status?.problems.some((p) => p.code === 'peer-bad-data'), JSON.stringify(status?.problems)).toBe(true);
    // The wrong-shape awareness state is stored by y-protocols but never shown.
    const shown = await a.page.evaluate(() => window.__harness.presence());
    expect(shown.every((p) => typeof p.user.name === 'string')).toBe(true);
    expect(a.errors, 'no uncaught page errors').toEqual([]);
    expect(b.errors).toEqual([]);
    await stop([a, b, evil]);
  });

  it('keeps syncing when the signaling server disappears, and reconnects to it', async () => {
    const relay = rig.track(await startRecordingRelay(rig.server.wsUrl));
    const [a, b] = (await startPeers(2, relay.url)) as [Peer, Peer];
    await a.page.evaluate(() => window.__harness.set('x', 1));
    expect(await waitFor(() => converged([a, b]), 20_000)).toBe(true);
    await relay.pause();
    expect(
      await waitFor(async () => (await a.page.evaluate(() => window.__harness.status()))?.signaling.every((s) => !s.connected) ?? false, 10_000),
      'status shows signaling lost',
    ).toBe(true);
    await b.page.evaluate(() => window.__harness.set('y', 2));
    expect(await waitFor(() => converged([a, b]), 10_000), 'WebRTC keeps working without signaling').toBe(true);
    const status = await a.page.evaluate(() => window.__harness.status());
    expect(status?.problems.some((p) => p.code === 'signaling-lost'), JSON.stringify(status)).toBe(true);
    relay.resume();
    expect(
      await waitFor(async () => (await a.page.evaluate(() => window.__harness.status()))?.signaling.every((s) => s.connected) ?? false, 15_000),
      'signaling reconnects',
    ).toBe(true);
    await stop([a, b]);
  });
});
