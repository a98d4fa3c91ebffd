import * as Y from 'yjs';

/**
 * An in-memory network in the style of Yjs's own tests/testHelper.js: every local update is
 * queued for every connected peer, and the test decides what arrives when. Messages can be
 * delivered out of order, delivered twice, or dropped and retried later; disconnected peers
 * receive nothing until they reconnect and exchange state vectors (y-protocols sync steps).
 */
export interface NetPeer {
  readonly name: string;
  doc: Y.Doc;
  connected: boolean;
}

interface Message {
  from: string;
  update: Uint8Array;
}

export const NETWORK_ORIGIN = Symbol('test/network');

export class InMemoryNetwork {
  readonly peers: NetPeer[] = [];
  private readonly queues = new Map<string, Message[]>();
  /** Dropped messages wait here until a retry delivers them. */
  private readonly dropped = new Map<string, Message[]>();
  private readonly detach = new Map<string, () => void>();

  add(peer: NetPeer): void {
    this.peers.push(peer);
    this.queues.set(peer.name, []);
    this.dropped.set(peer.name, []);
    this.listen(peer);
  }

  /** (Re)binds to the peer's current doc, e.g. after a reload from storage. */
  listen(peer: NetPeer): void {
    this.detach.get(peer.name)?.();
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin === NETWORK_ORIGIN || !peer.connected) return;
      for (const other of this.peers) {
        if (other !== peer && other.connected) this.queue(other.name).push({ from: peer.name, update });
      }
    };
    peer.doc.on('update', onUpdate);
    this.detach.set(peer.name, () => peer.doc.off('update', onUpdate));
  }

  private queue(name: string): Message[] {
    const q = this.queues.get(name);
    if (!q) throw new Error(`unknown peer ${name}`);
    return q;
  }

  pendingCount(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    for (const q of this.dropped.values()) n += q.length;
    return n;
  }

  /** Delivers one random queued message to `peer`; `keep` leaves it queued (a duplicate). */
  deliverOne(peer: NetPeer, rng: () => number, keep = false): boolean {
    const q = this.queue(peer.name);
    if (q.length === 0 || !peer.connected) return false;
    const index = Math.floor(rng() * q.length);
    const message = q[index];
    if (!message) return false;
    if (!keep) q.splice(index, 1);
    Y.applyUpdate(peer.doc, message.update, NETWORK_ORIGIN);
    return true;
  }

  dropOne(peer: NetPeer, rng: () => number): boolean {
    const q = this.queue(peer.name);
    if (q.length === 0) return false;
    const [message] = q.splice(Math.floor(rng() * q.length), 1);
    if (message) this.dropped.get(peer.name)?.push(message);
    return true;
  }

  retryDropped(peer: NetPeer): void {
    const retry = this.dropped.get(peer.name) ?? [];
    this.queue(peer.name).push(...retry.splice(0));
  }

  disconnect(peer: NetPeer): void {
    peer.connected = false;
    // In-flight messages to and from a disconnected peer are lost; reconnect resyncs.
    this.queue(peer.name).length = 0;
    this.dropped.get(peer.name)!.length = 0;
    for (const q of this.queues.values()) {
      for (let i = q.length - 1; i >= 0; i -= 1) if (q[i]?.from === peer.name) q.splice(i, 1);
    }
  }

  /** Reconnect = sync step 1 + 2 with every connected peer (what y-webrtc does on a new conn). */
  connect(peer: NetPeer): void {
    peer.connected = true;
    for (const other of this.peers) {
      if (other === peer || !other.connected) continue;
      this.queue(other.name).push({ from: peer.name, update: Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)) });
      this.queue(peer.name).push({ from: other.name, update: Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)) });
    }
  }

  /** Everyone online, everything delivered, repeated until nothing moves. */
  settle(rng: () => number): void {
    for (const peer of this.peers) {
      this.retryDropped(peer);
      if (!peer.connected) this.connect(peer);
    }
    let guard = 0;
    while (this.pendingCount() > 0) {
      for (const peer of this.peers) {
        this.retryDropped(peer);
        while (this.deliverOne(peer, rng)) {
          guard += 1;
          if (guard > 5_000_000) throw new Error('network did not settle');
        }
      }
    }
  }
}
