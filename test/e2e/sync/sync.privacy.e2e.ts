/**
 * What the signaling server (or anyone tapping it) learns: an opaque room id and AES-GCM
 * ciphertext. A peer with the wrong secret never connects and cannot read the room's
 * signaling. Every frame is recorded by a WebSocket relay in front of the project's server.
 */
import * as decoding from 'lib0/decoding';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatShortCode } from '../../../shared/invite';
import { deriveRoomKeys } from '../../../renderer/sync/roomKeys';
import {
  closePeers,
  converged,
  newSecretHex,
  read,
  startRecordingRelay,
  waitFor,
  type RecordingRelay,
  useSyncRig,
} from './support';

const rig = useSyncRig();
let relay: RecordingRelay | undefined;

beforeAll(async () => {
  relay = rig.track(await startRecordingRelay(rig.server.wsUrl));
}, 60_000);

/** y-webrtc's signaling encryption: PBKDF2(password, salt = room name) -> AES-GCM-256. */
async function signalingKey(password: string, roomName: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: new TextEncoder().encode(roomName), iterations: 100_000, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
}

async function decrypt(base64: string, key: CryptoKey): Promise<unknown> {
  const decoder = decoding.createDecoder(new Uint8Array(Buffer.from(base64, 'base64')));
  expect(decoding.readVarString(decoder)).toBe('AES-GCM');
  const iv = decoding.readVarUint8Array(decoder);
  const cipher = decoding.readVarUint8Array(decoder);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(iv) }, key, new Uint8Array(cipher));
  return decoding.readAny(decoding.createDecoder(new Uint8Array(plain)));
}

describe('signaling privacy', () => {
  it('a wrong secret never connects, and the transcript holds no secret, plan id or clear SDP', async () => {
    if (relay === undefined) throw new Error('the recording relay did not start');
    const server = rig.server;
    const secret = newSecretHex();
    const wrongSecret = newSecretHex();
    const planId = `plan-e2e-${newSecretHex().slice(0, 10)}`;
    const [a, b, intruder] = await Promise.all([rig.launch(secret, 'honest-a', relay.url), rig.launch(secret, 'honest-b', relay.url), rig.launch(wrongSecret, 'intruder', relay.url)]);
    await a.page.evaluate((id) => window.__harness.set('planId', id), planId);
    for (const p of [a, b, intruder]) await p.page.evaluate(() => window.__harness.start());
    expect(await waitFor(() => converged([a, b]), 30_000), 'honest peers sync').toBe(true);
    // Give the intruder as long as the honest pair needed several times over.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const intruderStatus = await intruder.page.evaluate(() => window.__harness.status());
    expect(intruderStatus?.peers, 'intruder has no peers').toEqual([]);
    expect(await read(intruder)).toEqual({});
    const honestStatus = await a.page.evaluate(() => window.__harness.status());
    expect(honestStatus?.peers.map((p) => p.name)).toEqual(['honest-b']);

    const secretBytes = Buffer.from(secret, 'hex');
    const keys = await deriveRoomKeys(new Uint8Array(secretBytes));
    const wrongKeys = await deriveRoomKeys(new Uint8Array(Buffer.from(wrongSecret, 'hex')));
    const code = formatShortCode(new Uint8Array(secretBytes));
    if (!code.ok) throw new Error(code.error.message);
    const transcript = [...relay.frames, ...server.log].join('\n');
    expect(relay.frames.length, 'the tap saw traffic').toBeGreaterThan(5);
    const forbidden = [
      secret,
      secret.toUpperCase(),
      secretBytes.toString('base64url'),
      secretBytes.toString('base64'),
      code.value,
      code.value.replace(/-/g, ''),
      planId,
      keys.password,
      wrongSecret,
      '"sdp"',
      'a=candidate',
      'candidate:',
      'honest-a',
    ];
    for (const needle of forbidden) expect(transcript.includes(needle), `transcript contains ${needle}`).toBe(false);

    // The room's topic is the opaque derived id; every payload is ciphertext that the
    // intruder's key cannot open and the right key can (so the tap really saw signaling).
    const publishes = relay.frames
      .filter((f) => f.startsWith('> '))
      .map((f) => JSON.parse(f.slice(2)) as { type: string; topic?: string; data?: unknown })
      .filter((m) => m.type === 'publish');
    const roomPublishes = publishes.filter((m) => m.topic === keys.roomName);
    expect(roomPublishes.length).toBeGreaterThan(2);
    expect(publishes.some((m) => m.topic === wrongKeys.roomName), 'intruder announced in its own room').toBe(true);
    const rightKey = await signalingKey(keys.password, keys.roomName);
    const intruderKey = await signalingKey(wrongKeys.password, keys.roomName);
    let sawOffer = false;
    for (const m of roomPublishes) {
      expect(typeof m.data).toBe('string');
      await expect(decrypt(m.data as string, intruderKey)).rejects.toThrow();
      const plain = (await decrypt(m.data as string, rightKey)) as { signal?: { type?: string; sdp?: string } };
      if (plain.signal?.type === 'offer' && typeof plain.signal.sdp === 'string') sawOffer = true;
    }
    expect(sawOffer, 'decrypting with the right key reveals the SDP offer').toBe(true);
    await closePeers([a, b, intruder]);
  }, 120_000);
});
