/**
 * Test-only page for the sync e2e tests (built by vite.harness.config.ts, never shipped).
 * URL fragment: #secret=<32 hex>&signal=<ws url>[,<ws url>]&name=<display name>
 * Exposes window.__harness; nothing starts until a test calls start() or startAt().
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { COMPRESSED_MARKER } from '../sync/compression';
import { FRAME_MARKER } from '../sync/framing';
import { readPeers, setLocalPresence, type PeerPresence } from '../sync/presence';
import { sessionsForTests, startPlanSync, type PlanSyncSession, type SyncStatus, type SyncTiming } from '../sync/session';

const params = new URLSearchParams(location.hash.slice(1));
let secretHex = params.get('secret') ?? '';
const signaling = (params.get('signal') ?? '').split(',').filter((u) => u.length > 0);
const name = params.get('name') ?? 'peer';
// Optional timing overrides (JSON), e.g. to measure how often pairs stall without recovery.
const timing = JSON.parse(params.get('timing') ?? '{}') as Partial<SyncTiming>;

let doc = new Y.Doc();
let kv = doc.getMap<unknown>('kv');
let bulk = doc.getArray<string>('bulk');
let session: PlanSyncSession | null = null;
let startedAt: number | null = null;
let firstSyncedAt: number | null = null;
/** The key-value map as it was the moment the first sync step 2 had been applied. */
let firstSyncedRead: Record<string, unknown> | null = null;

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

async function start(): Promise<void> {
  if (session !== null) return;
  startedAt = Date.now();
  session = await startPlanSync(doc, { secret: hexToBytes(secretHex), signalingUrls: signaling, iceServers: [], timing });
  setLocalPresence(session.awareness, { user: { name, role: 'tester', color: '#3366cc' } });
  session.onStatus((s: SyncStatus) => {
    if (firstSyncedAt === null && s.lastSyncedAt !== null) {
      firstSyncedAt = s.lastSyncedAt;
      firstSyncedRead = kv.toJSON();
    }
  });
}

/** Starts in exactly the given millisecond (Date.now()), to reproduce simultaneous starts. */
async function startAt(time: number): Promise<void> {
  const wait = time - Date.now() - 20;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  while (Date.now() < time) {
    // Spin for the last few milliseconds: timers are not precise enough.
  }
  await start();
}

function rawSend(bytes: Uint8Array): number {
  if (session === null) return 0;
  const provider = sessionsForTests.get(session);
  let sent = 0;
  provider?.room?.webrtcConns.forEach((conn) => {
    // The conn's simple-peer is untyped in y-webrtc; _channel is its RTCDataChannel.
    const channel = (conn.peer as { _channel?: RTCDataChannel })._channel;
    if (channel?.readyState === 'open') {
      channel.send(bytes as Uint8Array<ArrayBuffer>);
      sent++;
    }
  });
  return sent;
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Sends malformed data of every kind Lockstep must survive; returns how many sends were made. */
function sendGarbage(seed: number): number {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const junk = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  const badJsonAwareness = message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, message((a) => {
      encoding.writeVarUint(a, 1);
      encoding.writeVarUint(a, 987654);
      encoding.writeVarUint(a, 5);
      encoding.writeVarString(a, '{"user": not json');
    }));
  });
  const wrongShapeAwareness = message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, message((a) => {
      encoding.writeVarUint(a, 1);
      encoding.writeVarUint(a, 987655);
      encoding.writeVarUint(a, 1);
      encoding.writeVarString(a, JSON.stringify({ user: { name: 42, color: 'javascript:alert(1)' } }));
    }));
  });
  const payloads: Uint8Array[] = [
    new Uint8Array(0),
    Uint8Array.from([0]),
    Uint8Array.from([0, 9]),
    Uint8Array.from([99, 1, 2, 3]),
    message((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, junk(300)); }),
    message((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, junk(2000)); }),
    message((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, junk(50)); }),
    message((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint(e, 2 ** 40); }),
    message((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, junk(100)); }),
    badJsonAwareness,
    wrongShapeAwareness,
    // Frames: absurd size, wrong sizes, a beginning that is never finished, pure noise.
    message((e) => { encoding.writeUint8(e, FRAME_MARKER); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2 ** 45); encoding.writeUint8Array(e, junk(1000)); }),
    message((e) => { encoding.writeUint8(e, FRAME_MARKER); encoding.writeVarUint(e, 2); encoding.writeVarUint(e, 3); encoding.writeVarUint(e, 100); encoding.writeUint8Array(e, junk(100)); }),
    message((e) => { encoding.writeUint8(e, FRAME_MARKER); encoding.writeVarUint(e, 3); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 10_000_000); encoding.writeUint8Array(e, junk(65_520)); }),
    Uint8Array.from([FRAME_MARKER]),
    // Compressed messages: absurd declared size, noise instead of deflate, a bare marker.
    message((e) => { encoding.writeUint8(e, COMPRESSED_MARKER); encoding.writeVarUint(e, 2 ** 45); encoding.writeUint8Array(e, junk(200)); }),
    message((e) => { encoding.writeUint8(e, COMPRESSED_MARKER); encoding.writeVarUint(e, 70_000); encoding.writeUint8Array(e, junk(5000)); }),
    Uint8Array.from([COMPRESSED_MARKER]),
    // Lockstep's v2 step 2 (type 100) carrying noise.
    message((e) => { encoding.writeVarUint(e, 100); encoding.writeVarUint8Array(e, junk(400)); }),
  ];
  for (let i = 0; i < 30; i++) payloads.push(junk(1 + Math.floor(rand() * 500)));
  let sent = 0;
  for (const p of payloads) sent += rawSend(p);
  return sent;
}

/** Ends the session and starts over with an empty document and a new secret (page reuse). */
function reset(newSecretHex: string): void {
  session?.destroy();
  session = null;
  doc.destroy();
  doc = new Y.Doc();
  kv = doc.getMap<unknown>('kv');
  bulk = doc.getArray<string>('bulk');
  secretHex = newSecretHex;
  startedAt = null;
  firstSyncedAt = null;
  firstSyncedRead = null;
}

const harness = {
  start,
  startAt,
  reset,
  set(key: string, value: unknown): void {
    kv.set(key, value);
  },
  read(): Record<string, unknown> {
    return kv.toJSON();
  },
  /** Appends ~bytes of pseudo-random text in 64 KiB items; returns the encoded doc size. */
  bulkInsert(bytes: number, seed: number): number {
    let s = seed >>> 0;
    const chunk = 64 * 1024;
    doc.transact(() => {
      for (let done = 0; done < bytes; done += chunk) {
        let text = '';
        const n = Math.min(chunk, bytes - done);
        for (let i = 0; i < n; i++) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          text += String.fromCharCode(97 + (s >>> 27));
        }
        bulk.push([text]);
      }
    });
    return Y.encodeStateAsUpdate(doc).length;
  },
  /** Appends `count` one-letter items: many operations, few bytes (like a plan of many small entries). */
  bulkSmall(count: number): void {
    bulk.push(Array.from({ length: count }, (_, i) => String.fromCharCode(97 + (i % 26))));
  },
  bulkDigest(): { items: number; chars: number; hash: number } {
    let hash = 0x811c9dc5;
    let chars = 0;
    for (const item of bulk.toArray()) {
      hash = fnv1a(item, hash);
      chars += item.length;
    }
    return { items: bulk.length, chars, hash };
  },
  stateVector(): string {
    return Array.from(Y.encodeStateVector(doc)).join(',');
  },
  status(): SyncStatus | null {
    return session?.status() ?? null;
  },
  firstSyncedRead(): Record<string, unknown> | null {
    return firstSyncedRead;
  },
  timing(): { startedAt: number | null; firstSyncedAt: number | null } {
    return { startedAt, firstSyncedAt };
  },
  presence(): PeerPresence[] {
    return session === null ? [] : readPeers(session.awareness);
  },
  awarenessClientIds(): number[] {
    return session === null ? [] : [...session.awareness.getStates().keys()];
  },
  setSection(section: string): boolean {
    return session === null ? false : setLocalPresence(session.awareness, { section });
  },
  disconnect(): void {
    session?.disconnect();
  },
  reconnect(): void {
    session?.reconnect();
  },
  destroy(): void {
    session?.destroy();
    session = null;
  },
  sendGarbage,
};

declare global {
  interface Window {
    __harness: typeof harness;
  }
}

window.__harness = harness;
