/**
 * Compresses large sync messages before they are framed.
 *
 * A joining peer receives the whole plan as one sync step 2. Plans are mostly repeated keys
 * and short strings, which deflate shrinks about five-fold, and the data channel (SCTP in
 * the browser) moves only a few MB/s on a busy laptop — so for a plan of a few MB the
 * transfer, not the CPU, decides how long a join takes.
 *
 *   0xF6 | varuint uncompressedLength | zlib deflate stream
 *
 * Like the frame marker (0xF5), 0xF6 can never start a y-webrtc message. Only messages above
 * COMPRESS_MIN_BYTES are compressed; they are framed anyway, so stock y-webrtc peers could
 * never read them. The browser's own CompressionStream does the work (native zlib, with an
 * adler-32 check), so a damaged or hostile payload is an error value, never a crash, and the
 * declared size caps how much a decompression may produce.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { err, ok, type Result } from '../../shared/result';

export const COMPRESSED_MARKER = 0xf6;
/** Messages this large are worth a compression round trip. */
export const COMPRESS_MIN_BYTES = 64 * 1024;
const FORMAT = 'deflate';

export function isCompressed(data: Uint8Array): boolean {
  return data.length > 0 && data[0] === COMPRESSED_MARKER;
}

export function shouldCompress(message: Uint8Array): boolean {
  return message.length >= COMPRESS_MIN_BYTES && typeof CompressionStream === 'function';
}

async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
}

/**
 * The wire form of `message`: compressed when that makes it smaller, else `message` itself.
 * Never rejects — if the browser cannot compress, the message goes out as it is.
 */
export async function compressMessage(message: Uint8Array): Promise<Uint8Array> {
  if (!shouldCompress(message)) return message;
  try {
    const deflated = await collect(streamOf(message).pipeThrough(new CompressionStream(FORMAT)), message.length);
    if (deflated === null) return message;
    const encoder = encoding.createEncoder();
    encoding.writeUint8(encoder, COMPRESSED_MARKER);
    encoding.writeVarUint(encoder, message.length);
    encoding.writeUint8Array(encoder, deflated);
    const wire = encoding.toUint8Array(encoder);
    return wire.length < message.length ? wire : message;
  } catch {
    return message;
  }
}

/** Restores a compressed message; refuses anything that would exceed `maxBytes` or its own declared size. */
export async function decompressMessage(data: Uint8Array, maxBytes: number): Promise<Result<Uint8Array>> {
  let declared: number;
  let payload: Uint8Array;
  try {
    const decoder = decoding.createDecoder(data);
    if (decoding.readUint8(decoder) !== COMPRESSED_MARKER) throw new Error('not compressed');
    declared = decoding.readVarUint(decoder);
    payload = data.subarray(decoder.pos);
  } catch {
    return err('compression/garbled', 'A peer sent a damaged compressed message.');
  }
  if (!Number.isSafeInteger(declared) || declared <= 0 || declared > maxBytes) {
    return err('compression/too-large', `A peer announced a message of ${declared} bytes, more than Lockstep accepts.`);
  }
  try {
    const inflated = await collect(streamOf(payload).pipeThrough(new DecompressionStream(FORMAT)), declared);
    if (inflated === null || inflated.length !== declared) {
      return err('compression/bad-size', 'A peer sent a compressed message whose size does not match what it announced.');
    }
    return ok(inflated);
  } catch {
    return err('compression/garbled', 'A peer sent a damaged compressed message.');
  }
}
