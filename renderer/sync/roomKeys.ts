/**
 * Derives what y-webrtc needs from a plan's invite secret, so neither the secret nor the
 * plan id ever reaches a signaling server:
 *   room name = hex(HMAC-SHA256(secret, "lockstep/room/v1"))        (an opaque topic id)
 *   password  = base64url(HMAC-SHA256(secret, "lockstep/password/v1"))
 * y-webrtc turns the password into an AES-GCM key (PBKDF2 salted with the room name) and
 * encrypts every signaling message with it. The two labels make the values independent:
 * knowing the room name (the server does) tells nothing about the password.
 *
 * Uses only globalThis.crypto (WebCrypto), present in browsers and Node >= 20.
 */
import { base64UrlEncode, SECRET_BYTES } from '../../shared/invite';

export const ROOM_LABEL = 'lockstep/room/v1';
export const PASSWORD_LABEL = 'lockstep/password/v1';

export interface RoomKeys {
  roomName: string;
  password: string;
}

async function hmac(secret: Uint8Array, label: string): Promise<Uint8Array> {
  const key = await globalThis.crypto.subtle.importKey('raw', toArrayBuffer(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(label));
  return new Uint8Array(mac);
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function deriveRoomKeys(secret: Uint8Array): Promise<RoomKeys> {
  if (secret.length < SECRET_BYTES) {
    throw new RangeError(`A plan secret must have at least ${SECRET_BYTES} bytes.`);
  }
  const [room, password] = await Promise.all([hmac(secret, ROOM_LABEL), hmac(secret, PASSWORD_LABEL)]);
  return { roomName: `lockstep-${toHex(room)}`, password: base64UrlEncode(password) };
}

/** A fresh 128-bit plan secret from the platform's cryptographic random source. */
export function newPlanSecret(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}
