/**
 * Bench page for sync latency and join time, loaded into separate Chromium processes.
 *   ours:  a plan document, edits through domain commands, Lockstep's sync session
 *   stock: a bare Y.Doc and y-webrtc's WebrtcProvider as shipped
 * Both use the same signaling server, secret-derived room name and password, and no ICE
 * servers. Latency is wall-clock (performance.timeOrigin + now) from just before the edit is
 * committed in A to the moment B's document has applied it.
 */
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { addMilestone, createPlan, readPlan, setBriefLine, type CommandContext } from '../../../renderer/domain';
import { deriveRoomKeys } from '../../../renderer/sync/roomKeys';
import { startPlanSync, type PlanSyncSession } from '../../../renderer/sync/session';

const wallNow = (): number => performance.timeOrigin + performance.now();

const ctx: CommandContext = {
  actor: { id: 'bench', name: 'Bench' },
  now: () => Date.now(),
  newId: () => globalThis.crypto.randomUUID(),
};

let doc = new Y.Doc();
let session: PlanSyncSession | null = null;
let stock: WebrtcProvider | null = null;
const arrivals = new Map<number, number>();
let mode: 'ours' | 'stock' = 'ours';

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** Watches for "seq:t0" markers arriving from the other peer. */
function watch(): void {
  const record = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const seq = Number(value.split(':')[0]);
    if (Number.isInteger(seq) && !arrivals.has(seq)) arrivals.set(seq, wallNow());
  };
  if (mode === 'stock') {
    doc.getMap('m').observe((event) => {
      if (!event.transaction.local) record(doc.getMap('m').get('v'));
    });
  } else {
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (!tr.local) record(doc.getMap('brief').get('owner'));
    });
  }
}

const api = {
  async start(which: 'ours' | 'stock', secretHex: string, signal: string, seedPlan: boolean): Promise<void> {
    mode = which;
    arrivals.clear();
    doc = new Y.Doc();
    if (which === 'ours' && seedPlan) createPlan(doc, ctx, { planId: 'bench', kind: 'launch', title: 'Bench plan', label: (k) => k });
    watch();
    const secret = hexToBytes(secretHex);
    if (which === 'ours') {
      session = await startPlanSync(doc, { secret, signalingUrls: [signal], iceServers: [] });
    } else {
      const { roomName, password } = await deriveRoomKeys(secret);
      stock = new WebrtcProvider(roomName, doc, { signaling: [signal], password, peerOpts: { config: { iceServers: [] } } });
    }
  },
  /** True once a peer is connected and synced. */
  synced(): boolean {
    if (session) return session.status().peers.some((p) => p.synced);
    return Boolean(stock?.room && stock.room.webrtcConns.size > 0 && stock.room.synced);
  },
  /** One edit in A: a domain command (ours) or a bare map set (stock). Returns t0. */
  edit(seq: number): number {
    const t0 = wallNow();
    const value = `${seq}:${t0}`;
    if (mode === 'ours') setBriefLine(doc, ctx, 'owner', value);
    else doc.getMap('m').set('v', value);
    return t0;
  },
  arrival(seq: number): number | null {
    return arrivals.get(seq) ?? null;
  },
  seedItems(count: number): number {
    for (let i = 0; i < count; i += 1) {
      addMilestone(doc, ctx, { title: `Item ${i}`, date: '2027-01-01', discipline: 'marketing', kind: 'milestone' });
    }
    return Y.encodeStateAsUpdate(doc).length;
  },
  /** Joins and resolves with ms from start until the read model holds `count` items. */
  async joinUntil(secretHex: string, signal: string, count: number): Promise<{ ms: number; firstDataMs: number; transactions: number }> {
    doc = new Y.Doc();
    const t0 = performance.now();
    let firstDataMs = -1;
    let transactions = 0;
    const done = new Promise<{ ms: number; firstDataMs: number; transactions: number }>((resolve) => {
      const check = (): void => {
        transactions += 1;
        if (firstDataMs < 0) firstDataMs = performance.now() - t0;
        if (readPlan(doc).milestones.length >= count) {
          doc.off('afterTransaction', check);
          resolve({ ms: performance.now() - t0, firstDataMs, transactions });
        }
      };
      doc.on('afterTransaction', check);
    });
    session = await startPlanSync(doc, { secret: hexToBytes(secretHex), signalingUrls: [signal], iceServers: [] });
    return done;
  },
  stop(): void {
    session?.destroy();
    stock?.destroy();
    session = null;
    stock = null;
  },
};

export type SyncBenchApi = typeof api;
(globalThis as unknown as { lockstepSyncBench: SyncBenchApi }).lockstepSyncBench = api;
