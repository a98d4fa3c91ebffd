/**
 * Splits messages bigger than one data-channel frame and puts them back together.
 *
 * Chromium refuses data-channel messages over 256 KiB and y-webrtc swallows the error, so a
 * large sync message silently never arrives. Every message above MAX_FRAME_BYTES is sent as
 * frames of at most MAX_FRAME_BYTES:
 *
 *   0xF5 | varuint messageId | varuint index | varuint totalLength | payload
 *
 * y-webrtc messages start with a varuint message type (0, 1, 3, 4) whose first byte is always
 * below 0x80, so a first byte of 0xF5 can never be one of them. Smaller messages go out
 * unchanged, which keeps Lockstep wire-compatible with stock y-webrtc for normal traffic.
 *
 * Reassembly trusts nothing: frames must arrive in order (data channels are reliable and
 * ordered), every frame but the last carries exactly FRAME_PAYLOAD_BYTES, declared sizes are
 * capped, the number of half-received messages is capped, and stale halves expire.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { err, ok, type Result } from '../../shared/result';

export const FRAME_MARKER = 0xf5;
/** Well under Chromium's 256 KiB limit and friendly to SCTP interleaving. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Worst-case header: marker + three 5-byte varuints. */
const MAX_HEADER_BYTES = 16;
export const FRAME_PAYLOAD_BYTES = MAX_FRAME_BYTES - MAX_HEADER_BYTES;

export interface ReassemblyLimits {
  /** Largest message a peer may send, in bytes. */
  maxMessageBytes: number;
  /** How many messages may be half-received at once from one peer. */
  maxPartialMessages: number;
  /** Bytes held for half-received messages from one peer, all together. */
  maxPartialBytes: number;
  /** A half-received message with no new frame for this long is dropped. */
  partialTimeoutMs: number;
}

export const DEFAULT_LIMITS: ReassemblyLimits = {
  maxMessageBytes: 64 * 1024 * 1024,
  maxPartialMessages: 2,
  maxPartialBytes: 96 * 1024 * 1024,
  partialTimeoutMs: 30_000,
};

/** True when `data` is one of our frames rather than a plain y-webrtc message. */
export function isFrame(data: Uint8Array): boolean {
  return data.length > 0 && data[0] === FRAME_MARKER;
}

/**
 * Returns the wire messages for `message`: itself when small enough, frames otherwise.
 * `messageId` must differ between consecutive large messages on one connection.
 */
export function splitMessage(message: Uint8Array, messageId: number): Uint8Array[] {
  if (message.length <= MAX_FRAME_BYTES && !isFrame(message)) return [message];
  const frames: Uint8Array[] = [];
  const count = Math.max(1, Math.ceil(message.length / FRAME_PAYLOAD_BYTES));
  for (let index = 0; index < count; index++) {
    const encoder = encoding.createEncoder();
    encoding.writeUint8(encoder, FRAME_MARKER);
    encoding.writeVarUint(encoder, messageId >>> 0);
    encoding.writeVarUint(encoder, index);
    encoding.writeVarUint(encoder, message.length);
    encoding.writeUint8Array(encoder, message.subarray(index * FRAME_PAYLOAD_BYTES, (index + 1) * FRAME_PAYLOAD_BYTES));
    frames.push(encoding.toUint8Array(encoder));
  }
  return frames;
}

interface PartialMessage {
  total: number;
  received: number;
  nextIndex: number;
  chunks: Uint8Array[];
  lastFrameAt: number;
}

/** Reassembles frames from ONE peer. Create one per connection. */
export class Reassembler {
  private readonly partials = new Map<number, PartialMessage>();
  private readonly limits: ReassemblyLimits;
  private partialBytes = 0;

  constructor(limits: Partial<ReassemblyLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Bytes currently held for half-received messages. */
  get pendingBytes(): number {
    return this.partialBytes;
  }

  get pendingMessages(): number {
    return this.partials.size;
  }

  /** Time the most recent frame of a still-incomplete message arrived, or null. */
  lastProgressAt(): number | null {
    let latest: number | null = null;
    for (const p of this.partials.values()) latest = latest === null ? p.lastFrameAt : Math.max(latest, p.lastFrameAt);
    return latest;
  }

  /**
   * Feeds one received frame. Returns the whole message when this frame completed it,
   * null while more frames are expected, or an error for a frame that breaks the rules (the
   * broken message is dropped; later messages are unaffected).
   */
  push(frame: Uint8Array): Result<Uint8Array | null> {
    this.sweep();
    if (!isFrame(frame)) return err('frame/not-a-frame', 'A peer sent data that is not a Lockstep frame.');
    let messageId: number;
    let index: number;
    let total: number;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(frame);
      decoding.readUint8(decoder);
      messageId = decoding.readVarUint(decoder);
      index = decoding.readVarUint(decoder);
      total = decoding.readVarUint(decoder);
      payload = frame.subarray(decoder.pos);
    } catch {
      return err('frame/garbled', 'A peer sent a damaged frame.');
    }
    if (!Number.isSafeInteger(total) || total <= 0 || total > this.limits.maxMessageBytes) {
      this.drop(messageId);
      return err('frame/too-large', `A peer announced a message of ${total} bytes, more than Lockstep accepts.`);
    }
    const count = Math.ceil(total / FRAME_PAYLOAD_BYTES);
    const expectedLength = index === count - 1 ? total - index * FRAME_PAYLOAD_BYTES : FRAME_PAYLOAD_BYTES;
    if (index >= count || payload.length !== expectedLength) {
      this.drop(messageId);
      return err('frame/bad-size', 'A peer sent a frame whose size does not match its message.');
    }
    let partial = this.partials.get(messageId);
    if (partial === undefined) {
      if (index !== 0) return err('frame/out-of-order', 'A peer sent part of a message whose beginning never arrived.');
      if (this.partials.size >= this.limits.maxPartialMessages) {
        return err('frame/too-many-partials', 'A peer started too many large messages at once; the newest was ignored.');
      }
      partial = { total, received: 0, nextIndex: 0, chunks: [], lastFrameAt: this.now() };
      this.partials.set(messageId, partial);
    }
    if (partial.total !== total || index !== partial.nextIndex) {
      this.drop(messageId);
      return err('frame/out-of-order', 'A peer sent the parts of a large message out of order; it was dropped.');
    }
    if (this.partialBytes + payload.length > this.limits.maxPartialBytes) {
      this.drop(messageId);
      return err('frame/over-budget', 'A peer sent more large-message data than Lockstep holds at once; it was dropped.');
    }
    // Copy: the frame's buffer may be reused by the caller.
    partial.chunks.push(payload.slice());
    partial.received += payload.length;
    partial.nextIndex++;
    partial.lastFrameAt = this.now();
    this.partialBytes += payload.length;
    if (partial.nextIndex < count) return ok(null);
    this.drop(messageId);
    const message = new Uint8Array(total);
    let offset = 0;
    for (const chunk of partial.chunks) {
      message.set(chunk, offset);
      offset += chunk.length;
    }
    return ok(message);
  }

  /** Drops half-received messages that stopped making progress; returns how many. */
  sweep(): number {
    const cutoff = this.now() - this.limits.partialTimeoutMs;
    let dropped = 0;
    for (const [id, partial] of this.partials) {
      if (partial.lastFrameAt < cutoff) {
        this.drop(id);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.partials.clear();
    this.partialBytes = 0;
  }

  private drop(messageId: number): void {
    const partial = this.partials.get(messageId);
    if (partial === undefined) return;
    this.partialBytes -= partial.received;
    this.partials.delete(messageId);
  }
}
