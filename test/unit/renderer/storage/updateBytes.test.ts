import { runInNewContext } from 'node:vm';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asBytes, isPlausibleUpdate, readableUpdate } from '../../../../renderer/storage/updateBytes';
import { prng } from '../../../storage/helpers';

/** The rule isPlausibleUpdate implements, written the slow and obvious way with lib0 only. */
function plausibleByDecoding(bytes: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(bytes);
    const clients = decoding.readVarUint(decoder);
    if (clients > bytes.length) return false;
    if (clients === 0) return true;
    return decoding.readVarUint(decoder) <= bytes.length;
  } catch {
    return false;
  }
}

function realUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const text = doc.getText('narrative');
  for (let i = 0; i < 200; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  text.delete(3, 50);
  doc.getMap('brief').set('title', 'x'.repeat(300));
  out.push(Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(new Y.Doc()));
  return out;
}

describe('isPlausibleUpdate', () => {
  it('accepts every real Yjs update, small and large', () => {
    for (const update of realUpdates()) expect(isPlausibleUpdate(update)).toBe(true);
  });

  it('gives the same answer as decoding both counts with lib0, for seeded random bytes', () => {
    const seed = 0x5eed_2611;
    const rnd = prng(seed);
    // Short arrays and small first bytes on purpose: that is where the one-byte fast path and
    // the general path meet (0x7f/0x80 edges, missing second byte, count equal to length).
    const interesting = [0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xff];
    for (let i = 0; i < 20_000; i++) {
      const length = Math.floor(rnd() * (i % 3 === 0 ? 4 : 140));
      const bytes = new Uint8Array(length);
      for (let j = 0; j < length; j++) {
        bytes[j] = rnd() < 0.5 ? (interesting[Math.floor(rnd() * interesting.length)] ?? 0) : Math.floor(rnd() * 256);
      }
      const expected = plausibleByDecoding(bytes);
      if (isPlausibleUpdate(bytes) !== expected) {
        throw new Error(`seed ${seed}, case ${i}: [${[...bytes].join(',')}] should be ${expected}`);
      }
    }
  });

  it('rejects the boundary cases of the one-byte path exactly like the decoder', () => {
    const cases: number[][] = [[], [0], [1], [1, 0], [1, 2], [2, 2], [3, 1], [1, 0x80], [1, 0x80, 0x01], [0x80], [0x80, 0x01, 0]];
    for (const bytes of cases) {
      const u = Uint8Array.from(bytes);
      expect(isPlausibleUpdate(u), `[${bytes.join(',')}]`).toBe(plausibleByDecoding(u));
    }
  });
});

describe('asBytes', () => {
  it('returns a Uint8Array as it is, including a subarray and one from another realm', () => {
    const plain = Uint8Array.of(1, 2, 3);
    expect(asBytes(plain)).toBe(plain);
    const view = new Uint8Array(8).subarray(2, 5);
    expect(asBytes(view)).toBe(view);
    const foreign: unknown = runInNewContext('new Uint8Array([4, 5])');
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(asBytes(foreign)).toBe(foreign);
  });

  it('wraps an ArrayBuffer, also from another realm, and refuses everything else', () => {
    const buffer = Uint8Array.of(9, 8).buffer;
    expect([...(asBytes(buffer) ?? [])]).toEqual([9, 8]);
    const foreignBuffer: unknown = runInNewContext('new Uint8Array([7]).buffer');
    expect([...(asBytes(foreignBuffer) ?? [])]).toEqual([7]);
    for (const value of [null, undefined, 'abc', 42, [1, 2], { 0: 1, length: 1 }, new Uint16Array(2), new DataView(buffer)]) {
      expect(asBytes(value)).toBeNull();
    }
  });

  it('readableUpdate combines both checks', () => {
    const update = realUpdates()[0] as Uint8Array;
    expect(readableUpdate(update)).toBe(update);
    expect(readableUpdate(Uint8Array.of(0x7f, 0x7f))).toBeNull();
    expect(readableUpdate('not bytes')).toBeNull();
  });
});
