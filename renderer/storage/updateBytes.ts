import * as decoding from 'lib0/decoding';

/** Bytes of a stored row, or null when the value is not binary at all. */
export function asBytes(value: unknown): Uint8Array | null {
  // Tag check instead of instanceof: rows may come from another realm (worker, iframe).
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Uint8Array]') return value as Uint8Array;
  if (tag === '[object ArrayBuffer]') return new Uint8Array(value as ArrayBuffer);
  return null;
}

/**
 * Cheap sanity check of a Yjs v1 update header before handing it to Y.applyUpdate. Garbage
 * bytes often decode as "a billion structs", and Yjs then allocates and loops for up to a
 * second per row before failing (measured with seeded random rows); a count larger than
 * the byte length is impossible in a real update, so such rows are rejected up front.
 */
export function isPlausibleUpdate(bytes: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(bytes);
    const clients = decoding.readVarUint(decoder);
    if (clients > bytes.length) return false;
    if (clients === 0) return true;
    const structs = decoding.readVarUint(decoder);
    return structs <= bytes.length;
  } catch {
    return false;
  }
}

/** Bytes if the value looks like an update Yjs can read, else null. */
export function readableUpdate(value: unknown): Uint8Array | null {
  const bytes = asBytes(value);
  return bytes && isPlausibleUpdate(bytes) ? bytes : null;
}
