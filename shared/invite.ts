/**
 * The invite format: how a plan's secret (and where to find its peers) travels from one
 * person to another. Pure TypeScript, no DOM or Node APIs, so both sides and tests use it.
 *
 * Three textual forms carry the same invite (see docs/sync.md):
 *   - app link      `lockstep://join/#<payload>`
 *   - browser link  `http://HOST:PORT/#join=<payload>` (the fragment never reaches a server)
 *   - short code    `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXCC`: the 128-bit secret in Crockford
 *                   base32 with two check characters; optionally followed by a signaling
 *                   URL (`… ws://10.0.0.5:4444`). A code carries no plan id: the joining app
 *                   learns the plan from the shared document itself.
 *
 * Payload v1 (binary, then base64url without padding):
 *   u8 version (=1) | 16 bytes secret | u8 planId length | planId (ASCII [A-Za-z0-9_-])
 *   | u8 signaling URL count | per URL: u16 big-endian length, ASCII bytes | u32 CRC-32 of
 *   everything before it.
 */
import { err, ok, type Result } from './result';

export const INVITE_VERSION = 1;
export const SECRET_BYTES = 16;
export const MAX_PLAN_ID_LENGTH = 64;
export const MAX_SIGNALING_URLS = 8;
export const MAX_SIGNALING_URL_LENGTH = 512;
/** Longer input than this is not an invite, whatever it contains. */
export const MAX_INVITE_TEXT_LENGTH = 8192;

export const APP_LINK_PREFIX = 'lockstep://join/#';
const BROWSER_FRAGMENT_KEY = 'join=';

export interface Invite {
  v: 1;
  /** Null when the invite came from a short code: the plan id then comes from the document. */
  planId: string | null;
  /** 128 random bits; the room name and the y-webrtc password are derived from it. */
  secret: Uint8Array;
  /** ws:// or wss:// URLs of signaling servers; may be empty (then the app's settings apply). */
  signaling: string[];
}

export interface InviteFields {
  planId: string;
  secret: Uint8Array;
  signaling?: readonly string[];
}

// ---------------------------------------------------------------------------------------
// Validation shared by formatting and parsing

const PLAN_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
// Printable ASCII only: hosts are punycode in URLs anyway, and it keeps the payload small.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export function validatePlanId(planId: string): Result<string> {
  if (planId.length === 0) return err('invite/bad-plan-id', 'The invite has an empty plan id.');
  if (planId.length > MAX_PLAN_ID_LENGTH) {
    return err('invite/bad-plan-id', `The invite's plan id is longer than ${MAX_PLAN_ID_LENGTH} characters.`);
  }
  if (!PLAN_ID_PATTERN.test(planId)) {
    return err('invite/bad-plan-id', 'The invite\'s plan id contains characters a plan id never has.');
  }
  return ok(planId);
}

export function validateSignalingUrl(url: string): Result<string> {
  if (url.length === 0 || url.length > MAX_SIGNALING_URL_LENGTH || !PRINTABLE_ASCII.test(url)) {
    return err('invite/bad-signaling-url', 'The invite names a signaling server address that is not a valid URL.');
  }
  const match = /^(wss?):\/\/([^/?#\s]+)(\/[^\s#]*)?$/i.exec(url);
  if (!match) {
    return err('invite/bad-signaling-url', `The signaling server address "${url.slice(0, 80)}" must start with ws:// or wss://.`);
  }
  return ok(url);
}

// ---------------------------------------------------------------------------------------
// Formatting

export function encodeInvitePayload(fields: InviteFields): Result<string> {
  const planId = validatePlanId(fields.planId);
  if (!planId.ok) return planId;
  if (fields.secret.length !== SECRET_BYTES) {
    return err('invite/bad-secret', `An invite secret must be exactly ${SECRET_BYTES} bytes.`);
  }
  const urls = fields.signaling ?? [];
  if (urls.length > MAX_SIGNALING_URLS) {
    return err('invite/too-many-urls', `An invite can name at most ${MAX_SIGNALING_URLS} signaling servers.`);
  }
  for (const url of urls) {
    const checked = validateSignalingUrl(url);
    if (!checked.ok) return checked;
  }
  const bytes: number[] = [INVITE_VERSION, ...fields.secret, planId.value.length, ...asciiBytes(planId.value), urls.length];
  for (const url of urls) {
    bytes.push(url.length >> 8, url.length & 0xff, ...asciiBytes(url));
  }
  const crc = crc32(bytes);
  bytes.push((crc >>> 24) & 0xff, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff);
  return ok(base64UrlEncode(bytes));
}

/** `lockstep://join/#<payload>` */
export function formatInviteLink(fields: InviteFields): Result<string> {
  const payload = encodeInvitePayload(fields);
  return payload.ok ? ok(APP_LINK_PREFIX + payload.value) : payload;
}

/** `http://HOST:PORT/#join=<payload>`; any fragment already on `baseUrl` is replaced. */
export function formatBrowserLink(baseUrl: string, fields: InviteFields): Result<string> {
  if (!/^https?:\/\/[^/?#\s]+/i.test(baseUrl)) {
    return err('invite/bad-base-url', 'The address for browser participants must start with http:// or https://.');
  }
  const payload = encodeInvitePayload(fields);
  if (!payload.ok) return payload;
  let base = baseUrl.split('#')[0] ?? baseUrl;
  // A bare origin gets a slash so the result is a canonical URL.
  if (/^https?:\/\/[^/?#]+$/i.test(base)) base += '/';
  return ok(`${base}#${BROWSER_FRAGMENT_KEY}${payload.value}`);
}

// ---------------------------------------------------------------------------------------
// Short code: Crockford base32 of the 128-bit secret (26 symbols, the last 2 bits zero)
// plus two check symbols holding a CRC-10 of the 130 data bits. A CRC-10 detects every
// burst of up to 10 bits, so every single mistyped symbol (a 5-bit burst) and every swap of
// two neighbouring symbols (within 10 bits) is caught.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_SYMBOLS = 26;
const CODE_SYMBOLS = DATA_SYMBOLS + 2;
const CRC10_POLY = 0x233; // x^10 + x^9 + x^5 + x^4 + x + 1 (CRC-10/ATM)

export function formatShortCode(secret: Uint8Array): Result<string> {
  if (secret.length !== SECRET_BYTES) {
    return err('invite/bad-secret', `A short code holds exactly a ${SECRET_BYTES * 8}-bit secret.`);
  }
  const symbols = bytesToSymbols(secret);
  const check = crc10OfSymbols(symbols);
  symbols.push(check >> 5, check & 31);
  const text = symbols.map((s) => CROCKFORD[s]).join('');
  return ok(text.match(/.{1,4}/g)?.join('-') ?? text);
}

function bytesToSymbols(bytes: Uint8Array): number[] {
  const symbols: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      symbols.push((acc >> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) symbols.push((acc << (5 - bits)) & 31);
  return symbols;
}

function crc10OfSymbols(symbols: readonly number[]): number {
  let crc = 0;
  for (const symbol of symbols) {
    for (let bit = 4; bit >= 0; bit--) {
      const inBit = (symbol >> bit) & 1;
      const top = (crc >> 9) & 1;
      crc = (crc << 1) & 0x3ff;
      if ((top ^ inBit) === 1) crc ^= CRC10_POLY & 0x3ff;
    }
  }
  return crc;
}

function decodeCrockfordSymbol(char: string): number {
  const c = char.toUpperCase();
  if (c === 'O') return 0;
  if (c === 'I' || c === 'L') return 1;
  return CROCKFORD.indexOf(c);
}

function parseShortCode(code: string, signaling: string[]): Result<Invite> {
  const compact = code.replace(/[\s-]/g, '');
  if (compact.length < CODE_SYMBOLS) {
    return err('invite/too-short', `The code is too short: it should have ${CODE_SYMBOLS} letters and digits, it has ${compact.length}.`);
  }
  if (compact.length > CODE_SYMBOLS) {
    return err('invite/too-long', `The code is too long: it should have ${CODE_SYMBOLS} letters and digits, it has ${compact.length}.`);
  }
  const symbols: number[] = [];
  for (const char of compact) {
    const value = decodeCrockfordSymbol(char);
    if (value < 0) return err('invite/bad-character', `The code contains "${char}", which never appears in a code.`);
    symbols.push(value);
  }
  const data = symbols.slice(0, DATA_SYMBOLS);
  const check = ((symbols[DATA_SYMBOLS] ?? 0) << 5) | (symbols[DATA_SYMBOLS + 1] ?? 0);
  if ((data[DATA_SYMBOLS - 1] ?? 0) & 0b11) {
    return err('invite/checksum', 'The code has a typo: please check it letter by letter.');
  }
  if (crc10OfSymbols(data) !== check) {
    return err('invite/checksum', 'The code has a typo: please check it letter by letter.');
  }
  const secret = new Uint8Array(SECRET_BYTES);
  let acc = 0;
  let bits = 0;
  let index = 0;
  for (const symbol of data) {
    acc = (acc << 5) | symbol;
    bits += 5;
    if (bits >= 8 && index < SECRET_BYTES) {
      bits -= 8;
      secret[index++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  return ok({ v: 1, planId: null, secret, signaling });
}

// ---------------------------------------------------------------------------------------
// Parsing

/**
 * Reads an invite from whatever a person pasted or typed: an app link, a browser link, or
 * a short code (optionally followed by a ws:// signaling address). Never throws.
 */
export function parseInvite(text: string): Result<Invite> {
  if (typeof text !== 'string') return err('invite/empty', 'There is no invite to read.');
  if (text.length > MAX_INVITE_TEXT_LENGTH) {
    return err('invite/too-long', 'This text is far too long to be a Lockstep invite.');
  }
  const trimmed = text.trim().replace(/^[<"'(]+|[>"')]+$/g, '').trim();
  if (trimmed.length === 0) return err('invite/empty', 'There is no invite to read: the text is empty.');

  if (/^lockstep:/i.test(trimmed)) {
    const hash = trimmed.indexOf('#');
    if (!/^lockstep:\/\/join\/?#/i.test(trimmed) || hash < 0) {
      return err('invite/unrecognised', 'This lockstep:// link is not an invite (it should start with lockstep://join/#).');
    }
    return decodeInvitePayload(trimmed.slice(hash + 1));
  }
  if (/^https?:\/\//i.test(trimmed)) {
    const hash = trimmed.indexOf('#');
    const fragment = hash < 0 ? '' : trimmed.slice(hash + 1);
    if (!fragment.startsWith(BROWSER_FRAGMENT_KEY)) {
      return err('invite/unrecognised', 'This web address does not contain a Lockstep invite (it has no #join= part).');
    }
    return decodeInvitePayload(fragment.slice(BROWSER_FRAGMENT_KEY.length));
  }

  // A short code, possibly followed by signaling addresses.
  const tokens = trimmed.split(/\s+/);
  const urls = tokens.filter((t) => /^wss?:\/\//i.test(t));
  const codePart = tokens.filter((t) => !/^wss?:\/\//i.test(t)).join('');
  for (const url of urls) {
    const checked = validateSignalingUrl(url);
    if (!checked.ok) return checked;
  }
  if (codePart.length === 0) {
    return err('invite/empty', 'There is a server address but no code: please type the code too.');
  }
  if (!/^[0-9A-Za-z-]+$/.test(codePart)) {
    return err('invite/unrecognised', 'This is neither an invite link nor a code: codes contain only letters, digits and dashes.');
  }
  return parseShortCode(codePart, urls);
}

export function decodeInvitePayload(payload: string): Result<Invite> {
  const text = payload.trim();
  if (text.length === 0) return err('invite/too-short', 'The invite link is cut off: it has no invite data after the #.');
  const bytes = base64UrlDecode(text);
  if (bytes === null) {
    return err('invite/not-base64', 'The invite link is damaged: it contains characters an invite never has.');
  }
  const reader = new ByteReader(bytes);
  const version = reader.u8();
  if (version === undefined) return err('invite/too-short', 'The invite link is cut off.');
  if (version !== INVITE_VERSION) {
    return err('invite/version', `This invite was made by a different version of Lockstep (format ${version}); please update Lockstep or ask for a new invite.`);
  }
  if (bytes.length < 1 + SECRET_BYTES + 2 + 4) return err('invite/too-short', 'The invite link is cut off.');
  const body = bytes.subarray(0, bytes.length - 4);
  const tail = bytes.subarray(bytes.length - 4);
  const stored = (((tail[0] ?? 0) << 24) | ((tail[1] ?? 0) << 16) | ((tail[2] ?? 0) << 8) | (tail[3] ?? 0)) >>> 0;
  if (crc32(body) !== stored) {
    return err('invite/checksum', 'The invite link is damaged or incomplete: please copy it again.');
  }
  const bodyReader = new ByteReader(body);
  bodyReader.u8();
  const secret = bodyReader.bytes(SECRET_BYTES);
  const planIdLength = bodyReader.u8();
  if (secret === undefined || planIdLength === undefined) return err('invite/too-short', 'The invite link is cut off.');
  const planIdBytes = bodyReader.bytes(planIdLength);
  if (planIdBytes === undefined) return err('invite/too-short', 'The invite link is cut off.');
  const planId = validatePlanId(asciiString(planIdBytes));
  if (!planId.ok) return planId;
  const count = bodyReader.u8();
  if (count === undefined) return err('invite/too-short', 'The invite link is cut off.');
  if (count > MAX_SIGNALING_URLS) {
    return err('invite/too-many-urls', `The invite names ${count} signaling servers; at most ${MAX_SIGNALING_URLS} are allowed.`);
  }
  const signaling: string[] = [];
  for (let i = 0; i < count; i++) {
    const hi = bodyReader.u8();
    const lo = bodyReader.u8();
    if (hi === undefined || lo === undefined) return err('invite/too-short', 'The invite link is cut off.');
    const length = (hi << 8) | lo;
    if (length > MAX_SIGNALING_URL_LENGTH) {
      return err('invite/bad-signaling-url', 'The invite names a signaling server address that is absurdly long.');
    }
    const urlBytes = bodyReader.bytes(length);
    if (urlBytes === undefined) return err('invite/too-short', 'The invite link is cut off.');
    const url = validateSignalingUrl(asciiString(urlBytes));
    if (!url.ok) return url;
    signaling.push(url.value);
  }
  if (!bodyReader.atEnd()) {
    return err('invite/trailing-data', 'The invite link has unexpected extra data; please ask for a new invite.');
  }
  return ok({ v: 1, planId: planId.value, secret: new Uint8Array(secret), signaling });
}

// ---------------------------------------------------------------------------------------
// Small byte helpers (no TextEncoder/atob: shared/ has no DOM or Node lib)

class ByteReader {
  private offset = 0;
  constructor(private readonly data: Uint8Array) {}
  u8(): number | undefined {
    if (this.offset >= this.data.length) return undefined;
    return this.data[this.offset++];
  }
  bytes(length: number): Uint8Array | undefined {
    if (this.offset + length > this.data.length) return undefined;
    const out = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
  atEnd(): boolean {
    return this.offset === this.data.length;
  }
}

function asciiBytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0x7f);
  return out;
}

function asciiString(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64UrlEncode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += B64URL[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += B64URL[n & 63]!;
  }
  return out;
}

/** Accepts base64url or standard base64, padded or not; null when it is not base64 at all. */
export function base64UrlDecode(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (!/^[A-Za-z0-9_-]*$/.test(clean) || clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    acc = (acc << 6) | B64URL.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  return out;
}

let crcTable: Uint32Array | null = null;

export function crc32(bytes: ArrayLike<number>): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = (crcTable[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
