import * as Y from 'yjs';
import { createPlan, createUndoManager, planFingerprint, readPlan, type CommandContext } from '../../../renderer/domain';
import { makeRng } from '../../support/rng';
import { randomCommand, type Rng } from './commands';
import { salesReadModels } from './salesCommands';
import { InMemoryNetwork, type NetPeer } from './network';

/** Where a simulated peer keeps its document between reloads. */
export interface PeerDisk {
  /** Start persisting `doc`; resolves once stored state is applied into it. */
  attach(doc: Y.Doc): Promise<void>;
  /** Resolves when everything the doc produced so far is durably stored. */
  flush(): Promise<void>;
  /** Stop persisting (after a flush). */
  detach(): Promise<void>;
  /** Every stored update, to rebuild the document independently at the end. */
  storedUpdates(): Promise<Uint8Array[]>;
}

export type DiskFactory = (peerName: string) => PeerDisk;

/** Keeps each update as a separate stored record, like an append-only update log. */
export function memoryDisk(): PeerDisk {
  const stored: Uint8Array[] = [];
  let doc: Y.Doc | null = null;
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== DISK_ORIGIN) stored.push(update);
  };
  return {
    async attach(next) {
      doc = next;
      Y.transact(next, () => stored.forEach((u) => Y.applyUpdate(next, u)), DISK_ORIGIN);
      next.on('update', onUpdate);
    },
    async flush() {},
    async detach() {
      doc?.off('update', onUpdate);
      doc = null;
    },
    async storedUpdates() {
      return [...stored];
    },
  };
}
const DISK_ORIGIN = Symbol('test/disk');

interface SimPeer extends NetPeer {
  ctx: CommandContext;
  undo: Y.UndoManager;
  disk: PeerDisk;
  /** Simulated time of this peer's last command, for grouping undo steps. */
  lastCommandAt: number;
}

/** The app's undo window, applied to simulated time (renderer/domain/undo.ts uses 400 ms). */
const UNDO_CAPTURE_MS = 400;

/**
 * The app's undo manager, but grouping edits by simulated time instead of the wall clock: Yjs
 * merges edits made within `captureTimeout` real milliseconds into one undo step, so on a busy
 * machine the same seed would group (and undo) differently. Here edits always merge unless
 * `stopCapturing()` is called, which the loop does when the simulated gap exceeds the window.
 */
function simulatedUndo(doc: Y.Doc): Y.UndoManager {
  const undo = createUndoManager(doc);
  undo.captureTimeout = Number.POSITIVE_INFINITY;
  return undo;
}

export interface SimulationOptions {
  seed: number;
  peers: number;
  steps: number;
  disk: DiskFactory;
  /** Probability per step of each fault; defaults model a rough workshop network. */
  faults?: Partial<{ disconnect: number; reconnect: number; duplicate: number; drop: number; retry: number; reload: number; undo: number }>;
}

export interface SimulationReport {
  seed: number;
  log: string[];
  fingerprints: string[];
  stateVectors: string[];
  rebuiltFingerprints: string[];
  /** Which read models (plan, offers, reviews, …) differ between peers; empty when they agree. */
  differingReadModels: string[];
  /** Which read models of a document rebuilt from stored updates differ from the live one. */
  differingRebuiltReadModels: string[];
  snapshotsEqual: boolean;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * Runs one seeded simulation. Everything random comes from the seed: ids, clocks, the commands,
 * delivery order and faults, so a failure is replayed exactly with the same seed.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationReport> {
  const rng: Rng = makeRng(options.seed);
  const faults = { disconnect: 0.02, reconnect: 0.05, duplicate: 0.05, drop: 0.05, retry: 0.05, reload: 0.01, undo: 0.03, ...options.faults };
  const net = new InMemoryNetwork();
  const log: string[] = [];
  const peers: SimPeer[] = [];
  let clock = 1_800_000_000_000;

  // Yjs picks client ids at random, and concurrent edits are ordered by client id: without
  // seeded ids a seed would not replay the same merge. A separate stream keeps them apart from
  // the command sequence; ids are never reused (a reloaded document is a new session, as in the app).
  const idRng = makeRng(options.seed ^ 0x5eed);
  const usedIds = new Set<number>();
  const newDoc = (): Y.Doc => {
    const doc = new Y.Doc();
    let id = 0;
    while (id === 0 || usedIds.has(id)) id = 1 + Math.floor(idRng() * 0x7ffffffe);
    usedIds.add(id);
    doc.clientID = id;
    return doc;
  };
  // The last peer is the first peer's person on a second laptop (with 3+ peers): the same
  // person answering, voting or signing from two devices while apart is what produces
  // per-person conflicts (e.g. two open review answers by one reviewer).
  const actorOf = (i: number): { id: string; name: string } => {
    const person = i === options.peers - 1 && options.peers >= 3 ? 0 : i;
    return { id: `p${person}-actor`, name: `Peer ${person}` };
  };
  const people = Array.from({ length: options.peers }, (_, i) => actorOf(i)).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
  for (let i = 0; i < options.peers; i += 1) {
    const name = `p${i}`;
    let counter = 0;
    const ctx: CommandContext = {
      actor: actorOf(i),
      now: () => clock,
      newId: () => `${name}-${(counter += 1)}`,
    };
    const doc = newDoc();
    const disk = options.disk(name);
    await disk.attach(doc);
    const peer: SimPeer = { name, doc, connected: true, ctx, undo: simulatedUndo(doc), disk, lastCommandAt: 0 };
    peers.push(peer);
    net.add(peer);
  }
  const first = peers[0];
  if (!first) throw new Error('need at least one peer');
  createPlan(first.doc, first.ctx, { planId: 'sim-plan', kind: 'launch', title: 'Simulated launch', label: (k) => k });

  for (let step = 0; step < options.steps; step += 1) {
    clock += Math.floor(rng() * 2_000);
    const peer = peers[Math.floor(rng() * peers.length)];
    if (!peer) continue;
    const roll = rng();
    let action: string;
    if (roll < faults.disconnect) {
      net.disconnect(peer);
      action = 'disconnect';
    } else if (roll < faults.disconnect + faults.reconnect) {
      if (!peer.connected) net.connect(peer);
      action = 'reconnect';
    } else if (roll < faults.disconnect + faults.reconnect + faults.reload) {
      await peer.disk.flush();
      await peer.disk.detach();
      peer.undo.destroy();
      peer.doc.destroy();
      peer.doc = newDoc();
      await peer.disk.attach(peer.doc);
      peer.undo = simulatedUndo(peer.doc);
      net.listen(peer);
      if (peer.connected) {
        net.disconnect(peer);
        net.connect(peer);
      }
      action = 'save+reload';
    } else if (roll < 0.2) {
      const kind = rng();
      if (kind < faults.duplicate * 4) action = net.deliverOne(peer, rng, true) ? 'deliver-duplicate' : 'idle';
      else if (kind < (faults.duplicate + faults.drop) * 4) action = net.dropOne(peer, rng) ? 'drop' : 'idle';
      else if (kind < (faults.duplicate + faults.drop + faults.retry) * 4) {
        net.retryDropped(peer);
        action = 'retry-dropped';
      } else action = net.deliverOne(peer, rng) ? 'deliver' : 'idle';
    } else if (roll < 0.2 + faults.undo) {
      if (rng() < 0.7) peer.undo.undo();
      else peer.undo.redo();
      action = 'undo/redo';
    } else if (roll < 0.6) {
      action = net.deliverOne(peer, rng) ? 'deliver' : 'idle';
    } else {
      if (clock - peer.lastCommandAt >= UNDO_CAPTURE_MS) peer.undo.stopCapturing();
      peer.lastCommandAt = clock;
      action = randomCommand(peer.doc, peer.ctx, rng, people);
    }
    log.push(`${step} ${peer.name} ${action}`);
  }

  net.settle(rng);
  for (const peer of peers) await peer.disk.flush();

  const rebuiltModels: Record<string, string>[] = [];
  for (const peer of peers) {
    const rebuilt = new Y.Doc();
    for (const update of await peer.disk.storedUpdates()) Y.applyUpdate(rebuilt, update);
    rebuiltModels.push(readModels(rebuilt));
    rebuilt.destroy();
  }
  const liveModels = peers.map((p) => readModels(p.doc));
  const snapshots = peers.map((p) => hex(Y.encodeSnapshot(Y.snapshot(p.doc))));
  return {
    seed: options.seed,
    log,
    fingerprints: liveModels.map(fingerprint),
    differingReadModels: differing(liveModels),
    differingRebuiltReadModels: differing([...rebuiltModels, ...liveModels.slice(0, 1)]),
    stateVectors: peers.map((p) => hex(Y.encodeStateVector(p.doc))),
    rebuiltFingerprints: rebuiltModels.map(fingerprint),
    snapshotsEqual: snapshots.every((s) => s === snapshots[0]),
  };
}

/** Every read model of the plan by name: the plan view and the sales side. */
function readModels(doc: Y.Doc): Record<string, string> {
  return { plan: planFingerprint(readPlan(doc)), ...salesReadModels(doc) };
}

const fingerprint = (models: Record<string, string>): string => JSON.stringify(models);

/** Names of the read models that are not equal across all of `models`. */
function differing(models: Record<string, string>[]): string[] {
  const first = models[0] ?? {};
  return Object.keys(first).filter((key) => models.some((m) => m[key] !== first[key]));
}

/** Throws with the seed and a reproduction command if the peers did not converge. */
export function assertConverged(report: SimulationReport, testFile: string): void {
  const problems: string[] = [];
  const same = (xs: string[]) => xs.every((x) => x === xs[0]);
  if (!same(report.fingerprints)) problems.push(`read models differ between peers (${report.differingReadModels.join(', ')})`);
  if (!same(report.stateVectors)) problems.push('state vectors differ between peers');
  if (!report.snapshotsEqual) problems.push('delete sets / snapshots differ between peers');
  if (!same([...report.rebuiltFingerprints, report.fingerprints[0] ?? ''])) problems.push(`a document rebuilt from stored updates differs from the live one (${report.differingRebuiltReadModels.join(', ')})`);
  if (problems.length > 0) {
    throw new Error(
      `Peers did not converge (seed ${report.seed}): ${problems.join('; ')}.\n` +
        `Reproduce: SEED=${report.seed} npx vitest run ${testFile}\nLast steps:\n${report.log.slice(-25).join('\n')}`,
    );
  }
}
