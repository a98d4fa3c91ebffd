import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { FRAME_MARKER, FRAME_PAYLOAD_BYTES, isFrame, MAX_FRAME_BYTES, Reassembler, splitMessage } from '../../../../renderer/sync/framing';
import { makeRng } from '../../../support/rng';


function randomBytes(rand: () => number, length: number, firstByte = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(rand() * 256);
  if (length > 0) out[0] = firstByte;
  return out;
}

function frame(messageId: number, index: number, total: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, FRAME_MARKER);
  encoding.writeVarUint(e, messageId);
  encoding.writeVarUint(e, index);
  encoding.writeVarUint(e, total);
  encoding.writeUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function feed(r: Reassembler, frames: Uint8Array[]): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const f of frames) {
    const result = r.push(f);
    if (!result.ok) throw new Error(result.error.message);
    if (result.value !== null) out = result.value;
  }
  return out;
}

describe('splitMessage', () => {
  it('leaves small y-webrtc messages untouched', () => {
    const msg = Uint8Array.from([0, 1, 2, 3]);
    const frames = splitMessage(msg, 1);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toBe(msg);
    expect(isFrame(msg)).toBe(false);
  });

  it('frames large messages into frames no bigger than the limit', () => {
    const seed = 11;
    const rand = makeRng(seed);
    for (const size of [MAX_FRAME_BYTES + 1, 300_000, 1024 * 1024 + 7, FRAME_PAYLOAD_BYTES * 3]) {
      const msg = randomBytes(rand, size);
      const frames = splitMessage(msg, 42);
      expect(frames.length).toBe(Math.ceil(size / FRAME_PAYLOAD_BYTES));
      for (const f of frames) {
        expect(f.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
        expect(f[0]).toBe(FRAME_MARKER);
      }
      const back = feed(new Reassembler(), frames);
      expect(back !== null && sameBytes(back, msg), `seed ${seed} size ${size}`).toBe(true);
    }
  });

  it('frames even a small message whose first byte looks like a frame', () => {
    const msg = Uint8Array.from([FRAME_MARKER, 1, 2]);
    const frames = splitMessage(msg, 3);
    expect(frames[0]).not.toBe(msg);
    expect(feed(new Reassembler(), frames)).toEqual(msg);
  });

  it('reassembles interleaved messages and back-to-back messages', () => {
    const rand = makeRng(5);
    const a = splitMessage(randomBytes(rand, 200_000), 1);
    const b = splitMessage(randomBytes(rand, 150_000), 2);
    const r = new Reassembler();
    const done: Uint8Array[] = [];
    const order = [a[0], b[0], a[1], b[1], a[2], b[2], a[3]];
    for (const f of order) {
      if (f === undefined) continue;
      const res = r.push(f);
      expect(res.ok).toBe(true);
      if (res.ok && res.value) done.push(res.value);
    }
    expect(done.map((m) => m.length).sort()).toEqual([150_000, 200_000]);
    expect(r.pendingBytes).toBe(0);
  });
});

describe('Reassembler against a malicious peer', () => {
  it('rejects garbage without throwing', () => {
    const seed = 99;
    const rand = makeRng(seed);
    const r = new Reassembler();
    for (let i = 0; i < 2000; i++) {
      const garbage = randomBytes(rand, Math.floor(rand() * 40), rand() < 0.8 ? FRAME_MARKER : Math.floor(rand() * 256));
      expect(() => r.push(garbage), `seed ${seed} case ${i}`).not.toThrow();
    }
    expect(r.pendingBytes).toBeLessThanOrEqual(96 * 1024 * 1024);
  });

  it('refuses absurd declared sizes', () => {
    const r = new Reassembler({ maxMessageBytes: 1024 * 1024 });
    const res = r.push(frame(1, 0, 2 ** 40, new Uint8Array(FRAME_PAYLOAD_BYTES)));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('frame/too-large');
    const zero = r.push(frame(1, 0, 0, new Uint8Array(0)));
    expect(zero.ok).toBe(false);
  });

  it('refuses frames whose size does not match the message', () => {
    const r = new Reassembler();
    const res = r.push(frame(1, 0, 200_000, new Uint8Array(10)));
    expect(!res.ok && res.error.code).toBe('frame/bad-size');
    const beyond = r.push(frame(1, 9, 200_000, new Uint8Array(FRAME_PAYLOAD_BYTES)));
    expect(!beyond.ok && beyond.error.code).toBe('frame/bad-size');
  });

  it('refuses out-of-order and duplicate frames and drops that message', () => {
    const msg = new Uint8Array(200_000).fill(7);
    const frames = splitMessage(msg, 5);
    const r = new Reassembler();
    expect(r.push(frames[1] as Uint8Array).ok).toBe(false);
    expect(r.push(frames[0] as Uint8Array).ok).toBe(true);
    const dup = r.push(frames[0] as Uint8Array);
    expect(!dup.ok && dup.error.code).toBe('frame/out-of-order');
    expect(r.pendingMessages).toBe(0);
    // The peer can still send a correct message afterwards.
    const again = feed(r, splitMessage(msg, 6));
    expect(again !== null && sameBytes(again, msg)).toBe(true);
  });

  it('caps the number of half-received messages and the bytes held', () => {
    const r = new Reassembler({ maxPartialMessages: 2, maxPartialBytes: FRAME_PAYLOAD_BYTES * 3 });
    const total = FRAME_PAYLOAD_BYTES * 10;
    expect(r.push(frame(1, 0, total, new Uint8Array(FRAME_PAYLOAD_BYTES))).ok).toBe(true);
    expect(r.push(frame(2, 0, total, new Uint8Array(FRAME_PAYLOAD_BYTES))).ok).toBe(true);
    const third = r.push(frame(3, 0, total, new Uint8Array(FRAME_PAYLOAD_BYTES)));
    expect(!third.ok && third.error.code).toBe('frame/too-many-partials');
    expect(r.push(frame(1, 1, total, new Uint8Array(FRAME_PAYLOAD_BYTES))).ok).toBe(true);
    const over = r.push(frame(2, 1, total, new Uint8Array(FRAME_PAYLOAD_BYTES)));
    expect(!over.ok && over.error.code).toBe('frame/over-budget');
    expect(r.pendingBytes).toBeLessThanOrEqual(FRAME_PAYLOAD_BYTES * 3);
  });

  it('expires half-received messages that stall', () => {
    let now = 1000;
    const r = new Reassembler({ partialTimeoutMs: 5000 }, () => now);
    expect(r.push(frame(1, 0, FRAME_PAYLOAD_BYTES * 2, new Uint8Array(FRAME_PAYLOAD_BYTES))).ok).toBe(true);
    expect(r.pendingMessages).toBe(1);
    expect(r.lastProgressAt()).toBe(1000);
    now += 6000;
    expect(r.sweep()).toBe(1);
    expect(r.pendingBytes).toBe(0);
    expect(r.lastProgressAt()).toBeNull();
  });
});
