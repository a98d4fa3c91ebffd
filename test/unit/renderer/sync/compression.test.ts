import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COMPRESS_MIN_BYTES,
  COMPRESSED_MARKER,
  compressMessage,
  decompressMessage,
  isCompressed,
} from '../../../../renderer/sync/compression';
import { isFrame, Reassembler, splitMessage } from '../../../../renderer/sync/framing';

const LIMIT = 64 * 1024 * 1024;

/** A sync message the size of a real plan: many small maps with repeated keys. */
function planLikeMessage(items: number): Uint8Array {
  const doc = new Y.Doc();
  const milestones = doc.getMap('milestones');
  doc.transact(() => {
    for (let i = 0; i < items; i++) {
      const m = new Y.Map<unknown>();
      m.set('title', `Milestone ${i}`);
      m.set('date', '2027-01-01');
      m.set('discipline', i % 2 === 0 ? 'marketing' : 'sales');
      milestones.set(`id-${i}`, m);
    }
  });
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(e);
}

function wire(declared: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, COMPRESSED_MARKER);
  encoding.writeVarUint(e, declared);
  encoding.writeUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** toEqual walks typed arrays element by element, far too slowly for megabytes. */
function sameBytes(a: Uint8Array | false | null, b: Uint8Array): boolean {
  return a instanceof Uint8Array && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('compressMessage / decompressMessage', () => {
  it('round-trips a large plan message, much smaller on the wire', async () => {
    const message = planLikeMessage(5000);
    const packed = await compressMessage(message);
    expect(isCompressed(packed)).toBe(true);
    expect(packed.length).toBeLessThan(message.length / 3);
    const restored = await decompressMessage(packed, LIMIT);
    expect(sameBytes(restored.ok && restored.value, message)).toBe(true);
  });

  it('survives framing: compressed, split, reassembled, restored', async () => {
    const message = planLikeMessage(20_000);
    const packed = await compressMessage(message);
    const frames = splitMessage(packed, 7);
    expect(frames.length).toBeGreaterThan(1);
    const reassembler = new Reassembler();
    let whole: Uint8Array | null = null;
    for (const f of frames) {
      expect(isFrame(f)).toBe(true);
      const r = reassembler.push(f);
      if (r.ok && r.value !== null) whole = r.value;
    }
    expect(whole).not.toBeNull();
    const restored = await decompressMessage(whole as Uint8Array, LIMIT);
    expect(sameBytes(restored.ok && restored.value, message)).toBe(true);
  });

  it('leaves small messages alone, so normal traffic stays wire-compatible with stock y-webrtc', async () => {
    const small = planLikeMessage(10);
    expect(small.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(await compressMessage(small)).toBe(small);
  });

  it('sends incompressible data as it is', async () => {
    const noise = new Uint8Array(COMPRESS_MIN_BYTES * 2);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      noise[i] = x >>> 24;
    }
    noise[0] = 0;
    expect(await compressMessage(noise)).toBe(noise);
  });

  it('refuses a payload that inflates beyond its declared size (a decompression bomb)', async () => {
    const bomb = await deflate(new Uint8Array(10 * 1024 * 1024));
    const result = await decompressMessage(wire(1024, bomb), LIMIT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('compression/bad-size');
  });

  it('refuses a declared size over the limit without inflating anything', async () => {
    const result = await decompressMessage(wire(LIMIT + 1, new Uint8Array([1, 2, 3])), LIMIT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('compression/too-large');
  });

  it('refuses a payload shorter than declared', async () => {
    const payload = await deflate(new Uint8Array(1000).fill(7));
    const result = await decompressMessage(wire(2000, payload), LIMIT);
    expect(result.ok).toBe(false);
  });

  it('turns garbage, truncation and a flipped byte into errors, never a throw', async () => {
    const message = planLikeMessage(3000);
    const packed = await compressMessage(message);
    const truncated = packed.subarray(0, packed.length - 20);
    const flipped = packed.slice();
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    const garbage = wire(5000, new Uint8Array(300).fill(0xab));
    for (const bad of [truncated, flipped, garbage, new Uint8Array([COMPRESSED_MARKER]), new Uint8Array([COMPRESSED_MARKER, 0xff])]) {
      const result = await decompressMessage(bad, LIMIT);
      expect(result.ok).toBe(false);
    }
  });
});
