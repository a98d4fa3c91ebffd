/**
 * A plan's peer-to-peer sync session: y-webrtc for signaling and connection set-up, with
 * Lockstep's own handling of what travels over each data channel.
 *
 * y-webrtc (10.3) has measured weaknesses (see docs/sync.md and environment.md); this module
 * takes over each WebrtcConn's simple-peer instance the moment y-webrtc creates it, by
 * hooking `room.webrtcConns.set` (every conn is created through lib0's `map.setIfUndefined`
 * on that map, synchronously in the signaling message handler, before any data can flow):
 *   - outgoing: `peer.send` is replaced by a framed, back-pressured sender (framing.ts), so
 *     messages over Chromium's 256 KiB limit arrive and send errors become `problems`; a
 *     large message is followed by a few tiny no-op "tail probes" so a lost last packet is
 *     noticed at once instead of after SCTP's retransmission timer;
 *   - incoming: `peer._onChannelMessage` (the data channel's onmessage target) is replaced,
 *     so y-webrtc never parses peer data itself; we reassemble frames and apply sync and
 *     awareness messages inside try/catch, so a malicious peer cannot break the session;
 *   - glare: when both sides initiated, each ends up sending on its own data channel while
 *     listening only to it; we also listen to the channel the other side opened;
 *   - anti-entropy: every few seconds (and whenever a peer shows it has data we lack) we
 *     send a sync step 1, so sync never stays one-directional after a reconnect;
 *   - stuck connections: a conn with no sync step 2 within a few seconds is destroyed, on
 *     the side with the lower peer id first and on the other side later, so the two never
 *     re-announce in lockstep and glare again.
 * Alternatives rejected: patching SimplePeer.prototype would reach every simple-peer user
 * in the page and depends on the minified bundle's prototype layout; wrapping conns from the
 * provider's 'peers' event fires after `peer.signal()` for answering peers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebrtcProvider } from 'y-webrtc';
import type { Room, WebrtcConn } from 'y-webrtc';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as bc from 'lib0/broadcastchannel';
import * as Y from 'yjs';
import { compressMessage, decompressMessage, isCompressed, shouldCompress } from './compression';
import { DEFAULT_LIMITS, isFrame, Reassembler, splitMessage } from './framing';
import { SharedCertificate } from './dtlsCertificate';
import { deriveRoomKeys } from './roomKeys';

// y-webrtc's wire message types.
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const MESSAGE_BC_PEER_ID = 4;
/**
 * Lockstep's own: a sync step 2 too large for stock y-webrtc anyway (it is compressed and
 * framed), in Yjs' v2 encoding, which compresses to about half the bytes of v1.
 */
const MESSAGE_SYNC_STEP2_V2 = 100;
/** A peer this far behind gets the v2 step 2 (ordinary catch-up stays stock y-webrtc). */
const LARGE_DIFF_OPS = 10_000;
/** Quiet time after the last change before a large plan's full state is prepared for joiners. */
const FULL_STATE_IDLE_MS = 1500;

export interface SyncTiming {
  /** How often every connected peer gets a sync step 1 (anti-entropy). */
  antiEntropyMs: number;
  /**
   * A conn is stuck when, for this long, it neither made signaling progress (offer, answer,
   * ICE candidates) nor, once its data channel opened, delivered a sync step 2 in answer to
   * our step 1s. Measured from the last sign of progress, not from creation, so a slow
   * (loaded) machine is not mistaken for a stuck one.
   */
  stuckAfterMs: number;
  /** Extra wait before the higher-peer-id side gives up on the same conn. */
  higherSideExtraMs: number;
  /** A synced conn that answered no step 1 for this long is considered dead. */
  silentAfterMs: number;
  /** Status/health check period. */
  tickMs: number;
}

export const DEFAULT_TIMING: SyncTiming = {
  antiEntropyMs: 3000,
  stuckAfterMs: 4000,
  higherSideExtraMs: 3000,
  silentAfterMs: 15000,
  tickMs: 500,
};

export interface PlanSyncOptions {
  secret: Uint8Array;
  signalingUrls: string[];
  /** Empty (LAN only) unless STUN/TURN servers are configured. */
  iceServers?: RTCIceServer[];
  awareness?: Awareness;
  maxConns?: number;
  timing?: Partial<SyncTiming>;
}

export interface SyncProblem {
  code: string;
  /** Plain words for people; never the browser's own error text. */
  message: string;
  at: number;
  /** The underlying error text, for diagnostics only. */
  detail?: string;
}

export interface PeerStatus {
  peerId: string;
  clientId?: number;
  name?: string;
  /** The data channel is open. */
  connected: boolean;
  /** A sync step 2 arrived on this connection: we hold everything this peer had then. */
  synced: boolean;
  connectedAt: number;
  lastSyncedAt: number | null;
}

export interface SignalingStatus {
  url: string;
  connected: boolean;
}

export interface SyncStatus {
  state: 'offline' | 'connecting' | 'connected';
  signaling: SignalingStatus[];
  peers: PeerStatus[];
  /** When we last completed a sync exchange with anyone; survives the peer leaving. */
  lastSyncedAt: number | null;
  lastSyncedWith: string | null;
  problems: SyncProblem[];
  /** Stuck connections that were torn down and retried (diagnostics). */
  stuckRecoveries: number;
}

export type StatusListener = (status: SyncStatus) => void;

export interface PlanSyncSession {
  status(): SyncStatus;
  onStatus(listener: StatusListener): () => void;
  readonly awareness: Awareness;
  /** Drops every connection and signaling socket and starts again. */
  reconnect(): void;
  /** Goes offline; edits keep being saved locally and sync after reconnect(). */
  disconnect(): void;
  destroy(): void;
}

/** Transaction origin of every update that arrived from a peer. */
export const REMOTE_ORIGIN: unique symbol = Symbol('lockstep/sync-remote');

const MAX_PROBLEMS = 20;
/** Above this many queued bytes on a channel we wait for it to drain. */
const HIGH_WATER_BYTES = 1024 * 1024;
/** The channel tells us when it has drained to this, so it never runs dry while we wait. */
const LOW_WATER_BYTES = 256 * 1024;
/** Refuse to queue more than this for one peer; it is hopelessly behind. */
const MAX_QUEUED_BYTES = 80 * 1024 * 1024;
/**
 * Tail probes. When one of the last packets of a large message is lost, SCTP can only notice
 * through packets that follow it; with nothing following, the sender waits for its
 * retransmission timer — measured here as stalls of 420–690 ms in 5 of 20 transfers of a
 * 280 KB plan between two Chromium processes on loopback (none in 20 with probes). So once a
 * large message has left our queue and the channel's own buffer, a few tiny no-op messages
 * follow it, spaced out so they travel in separate packets: an empty awareness update, which
 * every peer (Lockstep or stock y-webrtc) applies as a no-op.
 */
const TAIL_PROBE = Uint8Array.of(MESSAGE_AWARENESS, 1, 0);
const TAIL_PROBES = 6;
const TAIL_PROBE_SPACING_MS = 25;
/** How long probes wait for the channel to hand a large message over (slow links). */
const TAIL_PROBE_MAX_WAIT_MS = 60_000;

interface SimplePeerLike {
  initiator: boolean;
  destroyed: boolean;
  _channel?: RTCDataChannel;
  _pc?: RTCPeerConnection;
  send(data: Uint8Array): void;
  _onChannelMessage(event: { data: unknown }): void;
  signal(data: unknown): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  destroy(): void;
}

/** The parts of y-webrtc's SignalingConn (a lib0 WebsocketClient) we use. */
interface SignalingSocket {
  url: string;
  connected: boolean;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
}

interface ConnState {
  conn: WebrtcConn;
  peer: SimplePeerLike;
  peerId: string;
  createdAt: number;
  connectedAt: number | null;
  /** Last offer/answer/candidate sent or applied for this conn. */
  lastSignalAt: number;
  lastStep2At: number | null;
  lastStep1SentAt: number;
  lastStep1ReplyAt: number;
  /** Last time a frame of a large message left for this peer (large sends delay replies). */
  lastLargeSendAt: number;
  /** Pending tail probe after a large message (see TAIL_PROBE). */
  probeTimer: ReturnType<typeof setTimeout> | null;
  /** A large message went out and its probes are still owed (the queue was not empty yet). */
  probesOwed: boolean;
  reassembler: Reassembler;
  queue: Uint8Array[];
  queuedBytes: number;
  drainTimer: ReturnType<typeof setTimeout> | null;
  nextMessageId: number;
  /** Large messages still being compressed; later messages wait behind them to keep order. */
  outboundPending: number;
  outboundChain: Promise<void>;
  /** Received messages still being decompressed; later messages wait behind them. */
  inboundPending: number;
  inboundChain: Promise<void>;
  clientIds: Set<number>;
  closed: boolean;
}

// y-webrtc keeps one room per name in a module-level map and frees it asynchronously on
// destroy; a new session for the same room waits for that instead of failing.
const pendingRoomRelease = new Map<string, Promise<void>>();

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

export async function startPlanSync(doc: Y.Doc, options: PlanSyncOptions): Promise<PlanSyncSession> {
  // simple-peer falls back to public STUN servers without an explicit config.
  const rtcConfig: RTCConfiguration = { iceServers: options.iceServers ?? [] };
  const certificate = new SharedCertificate(rtcConfig);
  certificate.renewIfDue();
  const { roomName, password } = await deriveRoomKeys(options.secret);
  await pendingRoomRelease.get(roomName);
  const ownsAwareness = options.awareness === undefined;
  const awareness = options.awareness ?? new Awareness(doc);
  const provider = new WebrtcProvider(roomName, doc, {
    signaling: options.signalingUrls,
    password,
    awareness,
    peerOpts: { config: rtcConfig },
    filterBcConns: true,
    ...(options.maxConns === undefined ? {} : { maxConns: options.maxConns }),
  });
  await provider.key;
  const room = provider.room;
  if (room === null) {
    provider.destroy();
    throw new Error('The sync room could not be opened (is another session for this plan still running?).');
  }
  leaveBroadcastChannel(room);
  const session = new Session(doc, provider, room, awareness, ownsAwareness, { ...DEFAULT_TIMING, ...options.timing }, roomName, certificate);
  sessionsForTests.set(session, provider);
  return session;
}

/**
 * y-webrtc also syncs same-browser tabs over a BroadcastChannel, and lib0 delivers every
 * message published there to its own subscribers as well: each update is encrypted, echoed
 * back and applied again, and every connect publishes and re-applies the whole document.
 * Lockstep runs one window per plan and syncs tabs over WebRTC like any other peer, so the
 * room leaves the channel. Called right after the room (re)connects, before the encrypted
 * connect-time messages resolve, so nothing is echoed back.
 */
function leaveBroadcastChannel(room: Room): void {
  bc.unsubscribe(room.name, room._bcSubscriber);
  room.bcconnected = false;
}

/** For the test harness only: the provider behind a session (to inject raw frames). */
export const sessionsForTests = new WeakMap<PlanSyncSession, WebrtcProvider>();

class Session implements PlanSyncSession {
  private readonly conns = new Map<WebrtcConn, ConnState>();
  private readonly listeners = new Set<StatusListener>();
  private readonly problems: SyncProblem[] = [];
  private readonly attemptsByPeer = new Map<string, number>();
  private lastSyncedAt: number | null = null;
  private lastSyncedWith: string | null = null;
  /** The conn of the last sync, so its person's name can be filled in once their presence arrives. */
  private lastSyncedConn: ConnState | null = null;
  private stuckRecoveries = 0;
  /** The conn whose update is being applied right now (its echo is decided in relayRemoteUpdate). */
  private applyingFrom: ConnState | null = null;
  private applyOnlyIntegratesSource = false;
  /** Peers that should hear a step 1 once the current remote update is applied. */
  private readonly pendingRelaySteps = new Set<ConnState>();
  /** Bumped by every change to the document; a prepared full state is valid for one value. */
  private docGeneration = 0;
  /** The whole plan as a compressed v2 step 2, for peers that have nothing yet. */
  private fullState: { generation: number; wire: Promise<Uint8Array> } | null = null;
  private fullStateTimer: ReturnType<typeof setTimeout> | null = null;
  private online = true;
  private destroyed = false;
  private lastAntiEntropyAt = 0;
  private lastEmitted = '';
  private emitQueued = false;
  private savedLocalState: Record<string, unknown> | null = null;
  private readonly hookedSignaling = new WeakSet<SignalingSocket>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebrtcProvider,
    private readonly room: Room,
    readonly awareness: Awareness,
    private readonly ownsAwareness: boolean,
    private readonly timing: SyncTiming,
    private readonly roomName: string,
    private readonly certificate: SharedCertificate,
  ) {
    this.hookRoom();
    this.checkSignaling();
    awareness.on('update', this.onAwarenessUpdate);
    doc.on('update', this.onDocUpdate);
    this.scheduleFullState();
    this.timer = setInterval(() => this.tick(), timing.tickMs);
  }

  // -------------------------------------------------------------------------------------
  // Public API

  status(): SyncStatus {
    const peers: PeerStatus[] = [];
    for (const state of this.conns.values()) {
      const clientId = state.clientIds.values().next().value;
      const name = clientId === undefined ? undefined : this.nameOf(clientId);
      peers.push({
        peerId: state.peerId,
        ...(clientId === undefined ? {} : { clientId }),
        ...(name === undefined ? {} : { name }),
        connected: state.connectedAt !== null && !state.closed,
        synced: state.lastStep2At !== null,
        connectedAt: state.connectedAt ?? state.createdAt,
        lastSyncedAt: state.lastStep2At,
      });
    }
    const connected = peers.some((p) => p.connected);
    return {
      state: !this.online || this.destroyed ? 'offline' : connected ? 'connected' : 'connecting',
      signaling: this.signalingStatus(),
      peers,
      lastSyncedAt: this.lastSyncedAt,
      lastSyncedWith: this.syncedWithName(),
      problems: [...this.problems],
      stuckRecoveries: this.stuckRecoveries,
    };
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reconnect(): void {
    if (this.destroyed) return;
    if (this.online) this.goOffline();
    this.online = true;
    this.provider.connect();
    leaveBroadcastChannel(this.room);
    this.checkSignaling();
    if (this.awareness.getLocalState() === null && this.savedLocalState !== null) {
      this.awareness.setLocalState(this.savedLocalState);
    }
    this.savedLocalState = null;
    this.queueEmit();
  }

  disconnect(): void {
    if (this.destroyed || !this.online) return;
    this.goOffline();
    this.online = false;
    this.queueEmit();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.timer);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.doc.off('update', this.onDocUpdate);
    if (this.fullStateTimer !== null) clearTimeout(this.fullStateTimer);
    this.fullState = null;
    for (const state of this.conns.values()) this.clearQueue(state);
    let release!: () => void;
    pendingRoomRelease.set(this.roomName, new Promise<void>((resolve) => (release = resolve)));
    this.provider.destroy();
    this.destroyOrphanedConns();
    // y-webrtc frees the room name once its key promise settles (already settled here).
    void this.provider.key.then(() => {
      pendingRoomRelease.delete(this.roomName);
      release();
    });
    if (this.ownsAwareness) this.awareness.destroy();
    this.emit();
    this.listeners.clear();
  }

  // -------------------------------------------------------------------------------------
  // Wiring into y-webrtc

  private hookRoom(): void {
    const conns = this.room.webrtcConns;
    const originalSet = conns.set.bind(conns);
    conns.set = (key: string, conn: WebrtcConn) => {
      originalSet(key, conn);
      if (!this.conns.has(conn)) this.instrument(conn);
      return conns;
    };
    for (const conn of conns.values()) this.instrument(conn);
  }

  private instrument(conn: WebrtcConn): void {
    // y-webrtc types `peer` as any; SimplePeerLike lists exactly what we rely on.
    const peer = conn.peer as SimplePeerLike;
    const state: ConnState = {
      conn,
      peer,
      peerId: conn.remotePeerId,
      createdAt: Date.now(),
      connectedAt: null,
      lastSignalAt: Date.now(),
      lastStep2At: null,
      lastStep1SentAt: 0,
      lastStep1ReplyAt: 0,
      lastLargeSendAt: 0,
      probeTimer: null,
      probesOwed: false,
      reassembler: new Reassembler(),
      queue: [],
      queuedBytes: 0,
      drainTimer: null,
      nextMessageId: 1,
      outboundPending: 0,
      outboundChain: Promise.resolve(),
      inboundPending: 0,
      inboundChain: Promise.resolve(),
      clientIds: new Set(),
      closed: false,
    };
    this.conns.set(conn, state);
    peer.send = (data: Uint8Array) => this.send(state, data);
    const originalSignal = peer.signal.bind(peer);
    peer.signal = (data: unknown) => {
      state.lastSignalAt = Date.now();
      originalSignal(data);
    };
    peer.on('signal', () => {
      state.lastSignalAt = Date.now();
    });
    peer._onChannelMessage = (event: { data: unknown }) => {
      if (peer.destroyed) return;
      const bytes = toBytes(event.data);
      if (bytes !== null) this.receive(state, bytes);
    };
    if (peer.initiator && peer._pc) {
      // Glare: both sides initiated and the other side kept its own channel. simple-peer
      // ignores channels opened by the remote on an initiator; we read them too.
      peer._pc.addEventListener('datachannel', (event: RTCDataChannelEvent) => {
        const channel = event.channel;
        channel.binaryType = 'arraybuffer';
        channel.addEventListener('message', (message: MessageEvent) => {
          const bytes = toBytes(message.data);
          if (bytes !== null && !peer.destroyed) this.receive(state, bytes);
        });
      });
    }
    peer.on('connect', () => {
      state.connectedAt = Date.now();
      this.attemptsByPeer.delete(state.peerId);
      // y-webrtc already sent a step 1 and our awareness; ask for theirs explicitly too.
      this.sendMessage(state, (e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS));
      this.queueEmit();
    });
    peer.on('close', () => this.onConnClosed(state));
    peer.on('error', (error: unknown) => {
      this.addProblem('peer-connection-error', 'The connection to a peer broke off; Lockstep will reconnect.', error);
    });
    this.queueEmit();
  }

  private onConnClosed(state: ConnState): void {
    if (state.closed) return;
    state.closed = true;
    this.clearQueue(state);
    state.reassembler.clear();
    this.conns.delete(state.conn);
    // Forget the presence this peer brought, unless another open connection still vouches
    // for it (y-webrtc leaves it to a 30-second timeout, showing ghosts after reconnects).
    const stillVouched = new Set<number>();
    for (const other of this.conns.values()) for (const id of other.clientIds) stillVouched.add(id);
    const stale = [...state.clientIds].filter((id) => !stillVouched.has(id) && id !== this.awareness.clientID);
    if (stale.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, stale, 'peer-closed');
    this.queueEmit();
  }

  private goOffline(): void {
    this.savedLocalState = this.awareness.getLocalState();
    this.provider.disconnect();
    this.destroyOrphanedConns();
    // y-webrtc appends to this list on every connect() without ever clearing it.
    (this.provider as unknown as { signalingConns: unknown[] }).signalingConns = [];
    const remote = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    if (remote.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, remote, 'offline');
  }

  /**
   * y-webrtc closes only the conns in `room.webrtcConns`. When a peer reconnects before its
   * old conn has closed, the old conn's close handler deletes the *new* conn from that map
   * (it deletes by peer id), leaving a live connection nobody closes: it kept syncing after
   * "Go offline". Every conn we instrumented and that is still open is closed here.
   */
  private destroyOrphanedConns(): void {
    for (const state of [...this.conns.values()]) {
      if (state.closed) continue;
      this.clearQueue(state);
      state.conn.destroy();
      this.onConnClosed(state);
    }
  }

  // -------------------------------------------------------------------------------------
  // Sending

  private sendMessage(state: ConnState, write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    write(encoder);
    this.send(state, encoding.toUint8Array(encoder));
  }

  private sendStep1(state: ConnState): void {
    state.lastStep1SentAt = Date.now();
    this.sendMessage(state, (e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, this.doc);
    });
  }

  private send(state: ConnState, data: Uint8Array): void {
    if (state.closed || this.destroyed || !this.online) return;
    const channel = state.peer._channel;
    // Before the channel opens there is nothing to lose: the step 1 exchange on connect
    // transfers everything (y-webrtc broadcasts to half-open conns too).
    if (channel === undefined || channel.readyState !== 'open') return;
    if (data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep1) {
      // y-webrtc sends its own step 1 on connect; counting it keeps the health check from
      // asking again and making the peer send the whole plan twice.
      state.lastStep1SentAt = Date.now();
    }
    if (this.applyingFrom !== null && data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsUpdate) {
      if (!this.relayRemoteUpdate(state, data)) return;
    }
    if (state.outboundPending === 0 && !shouldCompress(data)) {
      this.enqueue(state, data);
      return;
    }
    this.sendInOrder(state, shouldCompress(data) ? compressMessage(data) : Promise.resolve(data));
  }

  /** Compression is asynchronous; whatever is sent meanwhile queues behind it, in order. */
  private sendInOrder(state: ConnState, wire: Promise<Uint8Array>): void {
    state.outboundPending++;
    state.outboundChain = state.outboundChain
      .then(() => wire)
      .then((bytes) => {
        state.outboundPending--;
        this.enqueue(state, bytes);
      });
  }

  /**
   * y-webrtc forwards every update the document emits to every connection, including ones
   * that just arrived from a peer (that is how it relays across a partial mesh). While a
   * peer's update is applied, this decides what goes where: nothing back to the sender when
   * the update could hold only what the sender sent; small updates on to everyone else as
   * before; a large one (someone joined and received the whole plan) is never forwarded —
   * the other peers get a step 1 instead and ask for exactly what they lack, which in a full
   * mesh is nothing. Returns whether `data` should be sent to `state`.
   */
  private relayRemoteUpdate(state: ConnState, data: Uint8Array): boolean {
    if (state === this.applyingFrom && this.applyOnlyIntegratesSource) return false;
    if (!shouldCompress(data)) return true;
    this.pendingRelaySteps.add(state);
    return false;
  }

  private enqueue(state: ConnState, data: Uint8Array): void {
    if (state.closed || this.destroyed) return;
    const channel = state.peer._channel;
    if (channel === undefined || channel.readyState !== 'open') return;
    if (state.queuedBytes + data.length > MAX_QUEUED_BYTES) {
      this.clearQueue(state);
      this.addProblem('send-overflow', 'A peer could not keep up with the data sent to it; Lockstep will resync with it.');
      this.scheduleResync(state);
      return;
    }
    for (const frame of splitMessage(data, state.nextMessageId++)) {
      state.queue.push(frame);
      state.queuedBytes += frame.length;
    }
    this.drain(state);
  }

  private drain(state: ConnState): void {
    const channel = state.peer._channel;
    while (state.queue.length > 0) {
      if (state.closed || channel === undefined || channel.readyState !== 'open') {
        this.clearQueue(state);
        return;
      }
      if (channel.bufferedAmount > HIGH_WATER_BYTES) {
        if (state.drainTimer === null) {
          // bufferedamountlow is the fast path; the timer covers browsers that skip it.
          const resume = (): void => {
            channel.removeEventListener('bufferedamountlow', resume);
            if (state.drainTimer !== null) clearTimeout(state.drainTimer);
            state.drainTimer = null;
            this.drain(state);
          };
          channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;
          channel.addEventListener('bufferedamountlow', resume);
          state.drainTimer = setTimeout(resume, 50);
        }
        return;
      }
      const frame = state.queue.shift() as Uint8Array;
      state.queuedBytes -= frame.length;
      try {
        channel.send(frame as Uint8Array<ArrayBuffer>);
        if (isFrame(frame)) {
          state.lastLargeSendAt = Date.now();
          state.probesOwed = true;
        }
      } catch (error) {
        this.clearQueue(state);
        this.addProblem('send-failed', 'Sending to a peer failed; Lockstep will resync with it.', error);
        this.scheduleResync(state);
        return;
      }
    }
    if (state.probesOwed && channel !== undefined) this.startTailProbes(state, channel);
  }

  /** Sends TAIL_PROBES no-op messages after a large message once the channel has sent it. */
  private startTailProbes(state: ConnState, channel: RTCDataChannel): void {
    state.probesOwed = false;
    if (state.probeTimer !== null) clearTimeout(state.probeTimer);
    const deadline = Date.now() + TAIL_PROBE_MAX_WAIT_MS;
    let sent = 0;
    const probe = (): void => {
      state.probeTimer = null;
      if (state.closed || this.destroyed || !this.online || channel.readyState !== 'open' || state.peer._channel !== channel) return;
      // More is queued behind the large message: probes start again once that has gone out.
      if (state.queue.length > 0) {
        state.probesOwed = true;
        return;
      }
      if (channel.bufferedAmount === 0) {
        try {
          channel.send(TAIL_PROBE as Uint8Array<ArrayBuffer>);
        } catch {
          return;
        }
        sent++;
      } else if (Date.now() > deadline) {
        return;
      }
      if (sent < TAIL_PROBES) state.probeTimer = setTimeout(probe, TAIL_PROBE_SPACING_MS);
    };
    state.probeTimer = setTimeout(probe, TAIL_PROBE_SPACING_MS);
  }

  private clearQueue(state: ConnState): void {
    state.queue = [];
    state.queuedBytes = 0;
    if (state.drainTimer !== null) clearTimeout(state.drainTimer);
    state.drainTimer = null;
    if (state.probeTimer !== null) clearTimeout(state.probeTimer);
    state.probeTimer = null;
    state.probesOwed = false;
  }

  private scheduleResync(state: ConnState): void {
    setTimeout(() => {
      if (!state.closed && !this.destroyed) this.sendStep1(state);
    }, 250 + Math.random() * 500);
  }

  // -------------------------------------------------------------------------------------
  // Receiving

  private receive(state: ConnState, data: Uint8Array): void {
    if (state.closed || this.destroyed || !this.online) return;
    let message = data;
    if (isFrame(data)) {
      const result = state.reassembler.push(data);
      if (!result.ok) {
        this.addProblem('peer-bad-data', `A peer sent data Lockstep could not read; it was ignored. (${result.error.message})`);
        return;
      }
      if (result.value === null) return;
      message = result.value;
    }
    if (state.inboundPending === 0 && !isCompressed(message)) {
      this.handleSafely(state, message);
      return;
    }
    state.inboundPending++;
    const ready = isCompressed(message) ? decompressMessage(message, DEFAULT_LIMITS.maxMessageBytes) : Promise.resolve({ ok: true as const, value: message });
    state.inboundChain = state.inboundChain
      .then(() => ready)
      .then((result) => {
        state.inboundPending--;
        if (state.closed || this.destroyed) return;
        if (result.ok) this.handleSafely(state, result.value);
        else this.addProblem('peer-bad-data', `A peer sent data Lockstep could not read; it was ignored. (${result.error.message})`);
      });
  }

  private handleSafely(state: ConnState, message: Uint8Array): void {
    try {
      this.handleMessage(state, message);
    } catch (error) {
      this.addProblem('peer-bad-data', 'A peer sent data Lockstep could not read; it was ignored.', error);
    }
  }

  private handleMessage(state: ConnState, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          const theirs = Y.decodeStateVector(stateVector);
          this.sendStep2(state, stateVector, theirs);
          // They have something we lack: ask now rather than at the next anti-entropy round —
          // but not before our side's 'connect': y-webrtc sends a step 1 then anyway, and the
          // peer's step 1 often arrives first; asking as well made the peer send a joiner the
          // whole plan twice.
          const now = Date.now();
          const largeMoving = now - Math.max(state.reassembler.lastProgressAt() ?? 0, state.lastLargeSendAt) < this.timing.stuckAfterMs;
          if (state.connectedAt !== null && this.isAheadOfUs(theirs) && now - state.lastStep1ReplyAt > 1000 && this.mayAskForSync(state, now, largeMoving)) {
            state.lastStep1ReplyAt = now;
            this.sendStep1(state);
          }
        } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          this.applyRemote(state, update);
          if (syncType === syncProtocol.messageYjsSyncStep2) this.markSynced(state);
        } else {
          throw new Error('unknown sync message');
        }
        break;
      }
      case MESSAGE_QUERY_AWARENESS:
        this.sendMessage(state, (e) => {
          encoding.writeVarUint(e, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
        });
        break;
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), state);
        break;
      case MESSAGE_SYNC_STEP2_V2:
        this.applyRemote(state, decoding.readVarUint8Array(decoder), true);
        this.markSynced(state);
        break;
      case MESSAGE_BC_PEER_ID:
        // Only meaningful over BroadcastChannel; never over WebRTC.
        break;
      default:
        throw new Error('unknown message type');
    }
  }

  private sendStep2(state: ConnState, stateVector: Uint8Array, theirs: Map<number, number>): void {
    if (theirs.size === 0 && this.fullState !== null && this.fullState.generation === this.docGeneration) {
      this.sendInOrder(state, this.fullState.wire);
      return;
    }
    if (this.missingOps(theirs) >= LARGE_DIFF_OPS) {
      const diff = Y.encodeStateAsUpdateV2(this.doc, stateVector);
      this.sendMessage(state, (e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC_STEP2_V2);
        encoding.writeVarUint8Array(e, diff);
      });
      return;
    }
    this.sendMessage(state, (e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(e, this.doc, stateVector);
    });
  }

  private readonly onDocUpdate = (): void => {
    this.docGeneration++;
    this.fullState = null;
    this.scheduleFullState();
  };

  private scheduleFullState(): void {
    if (this.destroyed) return;
    if (this.fullStateTimer !== null) clearTimeout(this.fullStateTimer);
    this.fullStateTimer = setTimeout(() => {
      this.fullStateTimer = null;
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => this.prepareFullState(), { timeout: 5000 });
      else this.prepareFullState();
    }, FULL_STATE_IDLE_MS);
  }

  /**
   * Someone joining a large plan used to wait for the host to encode the whole plan (about a
   * quarter of a second for 10,000 items) after asking. While the plan is quiet, the session
   * keeps that answer ready; any change discards it, so a stale copy is never sent.
   */
  private prepareFullState(): void {
    if (this.destroyed || this.fullState !== null || this.missingOps(new Map()) < LARGE_DIFF_OPS) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC_STEP2_V2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdateV2(this.doc));
    this.fullState = { generation: this.docGeneration, wire: compressMessage(encoding.toUint8Array(encoder)) };
  }

  /** How many operations (clock ticks) we hold that the peer's state vector lacks. */
  private missingOps(theirs: Map<number, number>): number {
    let missing = 0;
    for (const client of this.doc.store.clients.keys()) missing += Math.max(0, Y.getState(this.doc.store, client) - (theirs.get(client) ?? 0));
    return missing;
  }

  private applyRemote(state: ConnState, update: Uint8Array, v2 = false): void {
    // With nothing pending beforehand, the transaction can only integrate what the sender sent.
    this.applyOnlyIntegratesSource = this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null;
    this.applyingFrom = state;
    try {
      if (v2) Y.applyUpdateV2(this.doc, update, REMOTE_ORIGIN);
      else Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } finally {
      this.applyingFrom = null;
    }
    const others = [...this.pendingRelaySteps];
    this.pendingRelaySteps.clear();
    for (const other of others) if (!other.closed && other.connectedAt !== null) this.sendStep1(other);
  }

  private isAheadOfUs(theirs: Map<number, number>): boolean {
    for (const [client, clock] of theirs) {
      if (clock > Y.getState(this.doc.store, client)) return true;
    }
    return false;
  }

  private markSynced(state: ConnState): void {
    const now = Date.now();
    state.lastStep2At = now;
    this.attemptsByPeer.delete(state.peerId);
    this.lastSyncedAt = now;
    const clientId = state.clientIds.values().next().value;
    this.lastSyncedWith = (clientId === undefined ? undefined : this.nameOf(clientId)) ?? `peer ${state.peerId.slice(0, 8)}`;
    this.lastSyncedConn = state;
    this.queueEmit();
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const state = typeof origin === 'object' && origin !== null ? this.conns.get((origin as ConnState).conn) : undefined;
    if (state === undefined || state !== origin) return;
    for (const id of [...change.added, ...change.updated]) if (id !== this.awareness.clientID) state.clientIds.add(id);
    for (const id of change.removed) state.clientIds.delete(id);
    this.queueEmit();
  };

  /** A sync often completes before the peer's presence (and name) arrives: name it once known. */
  private syncedWithName(): string | null {
    const state = this.lastSyncedConn;
    if (state !== null) {
      for (const clientId of state.clientIds) {
        const name = this.nameOf(clientId);
        if (name !== undefined) return name;
      }
    }
    return this.lastSyncedWith;
  }

  private nameOf(clientId: number): string | undefined {
    const user: unknown = (this.awareness.getStates().get(clientId) as { user?: unknown } | undefined)?.user;
    const name = typeof user === 'object' && user !== null ? (user as { name?: unknown }).name : undefined;
    return typeof name === 'string' ? name.slice(0, 100) : undefined;
  }

  // -------------------------------------------------------------------------------------
  // Health: anti-entropy, stuck connections, signaling

  private tick(): void {
    if (this.destroyed) return;
    const now = Date.now();
    const antiEntropy = now - this.lastAntiEntropyAt >= this.timing.antiEntropyMs;
    if (antiEntropy) this.lastAntiEntropyAt = now;
    for (const state of [...this.conns.values()]) {
      try {
        this.checkConn(state, now, antiEntropy);
      } catch (error) {
        this.addProblem('sync-internal', 'Lockstep hit an unexpected error while checking a connection; it keeps trying.', error);
      }
    }
    this.checkSignaling();
    this.certificate.renewIfDue(now);
    this.queueEmit();
  }

  private checkConn(state: ConnState, now: number, antiEntropy: boolean): void {
    state.reassembler.sweep();
    const attempts = this.attemptsByPeer.get(state.peerId) ?? 0;
    // The lower peer id gives up first; the other side waits longer, so both never
    // re-announce at the same moment and collide again. Repeated failures back off.
    const lowerSide = this.room.peerId < state.peerId;
    const patience = (this.timing.stuckAfterMs + (lowerSide ? 0 : this.timing.higherSideExtraMs)) * Math.min(2 ** attempts, 8);
    // A large message moving in either direction delays every reply queued behind it on
    // the ordered channel; that is progress, not a stall.
    const largeMoveAt = Math.max(state.reassembler.lastProgressAt() ?? 0, state.lastLargeSendAt);
    const movingLargeData = now - largeMoveAt < patience;
    if (state.lastStep2At === null && !movingLargeData) {
      const neverOpened = state.connectedAt === null && now - state.lastSignalAt > patience;
      // Open but silent: our step 1s (at least two) went unanswered.
      const openButMute = state.connectedAt !== null && now - state.connectedAt > patience && state.lastStep1SentAt > 0;
      if (neverOpened || openButMute) {
        this.recover(state, attempts);
        return;
      }
    } else if (
      state.lastStep2At !== null &&
      state.connectedAt !== null &&
      !movingLargeData &&
      now - Math.max(state.lastStep2At, largeMoveAt) > this.timing.silentAfterMs &&
      state.lastStep1SentAt > state.lastStep2At
    ) {
      this.recover(state, attempts);
      return;
    }
    if (state.connectedAt !== null && (antiEntropy || state.lastStep2At === null) && this.mayAskForSync(state, now, movingLargeData)) {
      this.sendStep1(state);
    }
  }

  /**
   * One step 1 at a time: while one is unanswered, or a large message is moving, another
   * would only make the peer queue another full reply behind the first (with a multi-MB
   * plan that snowballs until the send queue overflows).
   */
  private mayAskForSync(state: ConnState, now: number, movingLargeData: boolean): boolean {
    if (state.queue.length > 0 || state.outboundPending > 0 || state.inboundPending > 0 || movingLargeData || state.reassembler.pendingMessages > 0) {
      return false;
    }
    const unanswered = state.lastStep1SentAt > (state.lastStep2At ?? 0);
    return !unanswered || now - state.lastStep1SentAt > this.timing.silentAfterMs;
  }

  private recover(state: ConnState, attempts: number): void {
    this.stuckRecoveries++;
    this.attemptsByPeer.set(state.peerId, attempts + 1);
    this.addProblem('stuck-connection', 'A connection to a peer stalled; Lockstep is reconnecting to it.');
    // destroy() emits 'close' on the next tick; y-webrtc then forgets the conn and
    // re-announces us, so the peer (or we, on its announce) opens a fresh connection.
    state.conn.destroy();
  }

  private signalingStatus(): SignalingStatus[] {
    const byUrl = new Map<string, boolean>();
    const list = (this.provider as unknown as { signalingConns: Array<{ url: string; connected: boolean }> }).signalingConns;
    for (const conn of list) byUrl.set(conn.url, conn.connected);
    for (const url of this.provider.signalingUrls) if (!byUrl.has(url)) byUrl.set(url, false);
    return [...byUrl].map(([url, connected]) => ({ url, connected: connected && this.online }));
  }

  private checkSignaling(): void {
    // Signaling sockets are replaced on every reconnect; hook each new one once.
    const list = (this.provider as unknown as { signalingConns: SignalingSocket[] }).signalingConns;
    for (const socket of list) {
      if (this.hookedSignaling.has(socket)) continue;
      this.hookedSignaling.add(socket);
      socket.on('connect', () => this.queueEmit());
      socket.on('disconnect', () => {
        if (this.online && !this.destroyed) {
          this.addProblem('signaling-lost', `Lost contact with the signaling server ${socket.url}. Open connections keep working; new peers can join once it is back.`);
        }
        this.queueEmit();
      });
    }
  }

  // -------------------------------------------------------------------------------------
  // Problems and status events

  private addProblem(code: string, message: string, cause?: unknown): void {
    const now = Date.now();
    const last = this.problems[this.problems.length - 1];
    if (last !== undefined && last.code === code && now - last.at < 5000) {
      last.at = now;
    } else {
      const detail = cause === undefined ? undefined : (cause instanceof Error ? cause.message : String(cause)).slice(0, 200);
      this.problems.push({ code, message, at: now, ...(detail === undefined ? {} : { detail }) });
      if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
    }
    this.queueEmit();
  }

  private queueEmit(): void {
    if (this.emitQueued) return;
    this.emitQueued = true;
    queueMicrotask(() => {
      this.emitQueued = false;
      this.emit();
    });
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    const fingerprint = JSON.stringify(status);
    if (fingerprint === this.lastEmitted) return;
    this.lastEmitted = fingerprint;
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A broken listener must not stop sync or the other listeners.
      }
    }
  }
}
