/**
 * Lockstep's signaling server: speaks y-webrtc's signaling protocol (stock y-webrtc
 * clients work against it) and is hardened where y-webrtc's bin/server.js is not — frame
 * size, per-connection rate, topic caps, schema-checked frames, publish only into
 * subscribed topics, dead-connection timeout, connection cap, no room occupancy or
 * message content leaked to clients or logs.
 *
 * Plain Node + ws, no Electron: the desktop app hosts it for workshops and
 * `npm run signal` runs it standalone. Optionally serves the built renderer over plain
 * HTTP on the same port so browser participants can join from http://HOST:PORT/#…
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { resolveLimits, type SignalingLimits } from './limits';
import { createFrameParser, type SignalingFrame } from './protocol';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { createStaticHandler, sendNoStaticFolder } from './static-files';
import { describeListenError, SignalingStartError } from './start-error';
import { TopicRegistry } from './topic-registry';
import { createTranscript } from './transcript';

export type { SignalingLimits } from './limits';
export { DEFAULT_SIGNALING_LIMITS } from './limits';
export { SignalingStartError, type SignalingStartErrorCode } from './start-error';

export interface SignalingServerOptions {
  /** Interface address to listen on, e.g. 127.0.0.1, 0.0.0.0 or one LAN address. */
  host: string;
  /** 0 picks any free port; the chosen one is in the result. */
  port: number;
  /**
   * When set, plain HTTP GETs serve this folder (the built renderer, for browser
   * participants) with safe path handling and a strict CSP; WebSocket upgrades on the same
   * port are signaling.
   */
  staticDir?: string;
  limits?: Partial<SignalingLimits>;
  /** Receives one line per notable event: counts and hashed topic ids, never content. */
  onLog?: (line: string) => void;
}

export interface RunningSignalingServer {
  host: string;
  port: number;
  /** Closes every connection (1001) and stops listening. Safe to call more than once. */
  close(): Promise<void>;
  /**
   * connections and topics are current; messagesRelayed counts frames delivered to
   * subscribers (one publish to three others is three); messagesRejected counts inbound
   * frames that were dropped for any reason (too large, rate, malformed, not allowed).
   */
  stats(): { connections: number; topics: number; messagesRelayed: number; messagesRejected: number };
}

/** A subscriber that has this much unsent data queued is not keeping up and is dropped. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** How long a connection we closed may take to finish the closing handshake. */
const CLOSE_GRACE_MS = 1000;
/** Rejections logged individually per connection; the rest only appear in its summary. */
const LOGGED_REJECTIONS_PER_CONNECTION = 3;

const PONG = Buffer.from(JSON.stringify({ type: 'pong' }));

interface Peer {
  readonly id: number;
  readonly socket: WebSocket;
  readonly topics: Set<string>;
  readonly limiter: RateLimiter;
  lastSeen: number;
  relayed: number;
  rejected: number;
  /** Set once we decided to close it; further frames are ignored. */
  closeReason: string | null;
}

export async function startSignalingServer(options: SignalingServerOptions): Promise<RunningSignalingServer> {
  const { host, port } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SignalingStartError('signal/bad-port', `The port must be a whole number from 0 to 65535 (got ${String(port)}).`);
  }
  if (!isValidHost(host)) {
    throw new SignalingStartError('signal/bad-host', `"${String(host)}" is not an IP address or host name.`);
  }
  const resolved = resolveLimits(options.limits);
  if (typeof resolved === 'string') throw new SignalingStartError('signal/bad-limits', resolved);
  const limits: SignalingLimits = resolved;

  let serveStatic: ((request: IncomingMessage, response: ServerResponse) => void) | null = null;
  if (options.staticDir !== undefined) {
    const handler = await createStaticHandler(options.staticDir);
    if (typeof handler === 'string') throw new SignalingStartError('signal/static-folder', handler);
    serveStatic = handler;
  }

  const log = createTranscript(options.onLog);
  const parser = createFrameParser(limits);
  const registry = new TopicRegistry<Peer>();
  const peers = new Set<Peer>();
  let nextPeerId = 1;
  let messagesRelayed = 0;
  let messagesRejected = 0;
  let shuttingDown = false;

  const httpServer = createServer((request, response) => {
    if (serveStatic) serveStatic(request, response);
    else sendNoStaticFolder(response);
  });
  // Slow-header and slow-body clients must not hold sockets forever.
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;

  // Compression stays off: it costs CPU per frame and invites decompression bombs.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false, clientTracking: false });

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (shuttingDown || peers.size >= limits.maxConnections) {
      log.line(`refused a connection: ${shuttingDown ? 'shutting down' : `server full (${peers.size} connections)`}`);
      refuseUpgrade(socket, shuttingDown ? 'server shutting down' : 'server full');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(socket: WebSocket): void {
    const now = performance.now();
    const peer: Peer = {
      id: nextPeerId++,
      socket,
      topics: new Set(),
      limiter: createRateLimiter({ perSecond: limits.messagesPerSecond, burst: limits.burst, nowMs: now }),
      lastSeen: now,
      relayed: 0,
      rejected: 0,
      closeReason: null,
    };
    peers.add(peer);
    log.line(`conn#${peer.id} opened (connections: ${peers.size})`);

    socket.on('message', (data: RawData) => {
      try {
        onFrame(peer, data);
      } catch {
        // Defence in depth: no frame may take the server down.
        reject(peer, 'internal error while handling a frame');
      }
    });
    socket.on('pong', () => {
      peer.lastSeen = performance.now();
    });
    socket.on('error', (error: Error & { code?: string }) => {
      // ws closes the connection itself after a protocol error; only count and say why.
      reject(peer, error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? `frame larger than ${limits.maxPayloadBytes} bytes` : 'WebSocket protocol error');
    });
    socket.on('close', (code: number) => onClose(peer, code));
  }

  function onFrame(peer: Peer, data: RawData): void {
    if (peer.closeReason !== null) return;
    const now = performance.now();
    peer.lastSeen = now;
    const decision = peer.limiter.take(now);
    if (decision !== 'accept') {
      reject(peer, 'rate limit');
      if (decision === 'disconnect') closePeer(peer, 1008, 'rate limit exceeded');
      return;
    }
    const parsed = parser.parse(data);
    if (!parsed.ok) {
      reject(peer, parsed.error === 'not-json' ? 'frame is not JSON' : 'frame does not match the protocol');
      return;
    }
    handle(peer, parsed.value);
  }

  function handle(peer: Peer, frame: SignalingFrame): void {
    switch (frame.type) {
      case 'subscribe': {
        const added = frame.topics.filter((topic) => !peer.topics.has(topic));
        const unique = [...new Set(added)];
        if (peer.topics.size + unique.length > limits.maxTopicsPerConnection) {
          reject(peer, 'too many topics');
          closePeer(peer, 1008, `too many topics (limit ${limits.maxTopicsPerConnection})`);
          return;
        }
        for (const topic of unique) {
          peer.topics.add(topic);
          registry.add(topic, peer);
        }
        if (unique.length > 0) log.line(`conn#${peer.id} subscribed to ${unique.map(log.topicId).join(' ')} (topics: ${registry.size})`);
        return;
      }
      case 'unsubscribe': {
        const removed: string[] = [];
        for (const topic of frame.topics) {
          if (!peer.topics.delete(topic)) continue;
          registry.remove(topic, peer);
          removed.push(topic);
        }
        if (removed.length > 0) log.line(`conn#${peer.id} unsubscribed from ${removed.map(log.topicId).join(' ')} (topics: ${registry.size})`);
        return;
      }
      case 'publish': {
        if (!peer.topics.has(frame.topic)) {
          reject(peer, 'publish to a topic it has not subscribed to');
          return;
        }
        let encoded: Buffer;
        try {
          encoded = Buffer.from(JSON.stringify({ type: 'publish', topic: frame.topic, data: frame.data }));
        } catch {
          // Only absurd nesting gets here (stringify runs out of stack).
          reject(peer, 'frame cannot be re-encoded');
          return;
        }
        let delivered = 0;
        for (const receiver of registry.members(frame.topic)) {
          // The sender would only discard its own message (y-webrtc ignores data.from === itself).
          if (receiver !== peer && send(receiver, encoded)) delivered++;
        }
        peer.relayed += delivered;
        messagesRelayed += delivered;
        return;
      }
      case 'ping':
        send(peer, PONG);
        return;
    }
  }

  function send(receiver: Peer, frame: Buffer): boolean {
    if (receiver.closeReason !== null || receiver.socket.readyState !== WebSocket.OPEN) return false;
    if (receiver.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      closePeer(receiver, 1008, 'not reading its messages');
      return false;
    }
    receiver.socket.send(frame, { binary: false });
    return true;
  }

  function reject(peer: Peer, why: string): void {
    messagesRejected++;
    peer.rejected++;
    if (peer.rejected <= LOGGED_REJECTIONS_PER_CONNECTION) log.line(`conn#${peer.id} frame rejected: ${why}`);
  }

  function closePeer(peer: Peer, code: number, reason: string): void {
    if (peer.closeReason !== null) return;
    peer.closeReason = reason;
    leaveAllTopics(peer);
    log.line(`conn#${peer.id} closing: ${reason}`);
    peer.socket.close(code, reason);
    // An abusive client may never answer the close frame.
    setTimeout(() => peer.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  function leaveAllTopics(peer: Peer): void {
    for (const topic of peer.topics) registry.remove(topic, peer);
    peer.topics.clear();
  }

  function onClose(peer: Peer, code: number): void {
    if (!peers.delete(peer)) return;
    leaveAllTopics(peer);
    log.line(`conn#${peer.id} closed (code ${code}; relayed ${peer.relayed}, rejected ${peer.rejected}; connections: ${peers.size}, topics: ${registry.size})`);
    if (peers.size === 0) for (const resolve of whenEmpty.splice(0)) resolve();
  }

  const whenEmpty: (() => void)[] = [];
  function allPeersGone(): Promise<void> {
    return peers.size === 0 ? Promise.resolve() : new Promise((resolve) => whenEmpty.push(resolve));
  }

  // One timer for all connections: ping the quiet ones, drop the ones that stayed silent.
  const heartbeat = setInterval(() => {
    const now = performance.now();
    for (const peer of peers) {
      if (now - peer.lastSeen > limits.pingTimeoutMs) {
        log.line(`conn#${peer.id} timed out: no answer for ${limits.pingTimeoutMs} ms`);
        peer.closeReason ??= 'ping timeout';
        leaveAllTopics(peer);
        peer.socket.terminate();
      } else if (peer.socket.readyState === WebSocket.OPEN) {
        peer.socket.ping();
      }
    }
  }, Math.max(5, Math.floor(limits.pingTimeoutMs / 2)));
  heartbeat.unref();

  try {
    await listen(httpServer, host, port);
  } catch (error) {
    clearInterval(heartbeat);
    wss.close();
    throw describeListenError(error, host, port);
  }
  const boundPort = (httpServer.address() as AddressInfo).port;
  log.line(
    `listening on ${host}:${boundPort}${serveStatic ? ' (serving the app)' : ''}; limits: ${limits.maxPayloadBytes} B/frame, ` +
      `${limits.messagesPerSecond}/s burst ${limits.burst}, ${limits.maxTopicsPerConnection} topics/conn, ` +
      `${limits.maxTopicLength} chars/topic, ping timeout ${limits.pingTimeoutMs} ms, ${limits.maxConnections} connections`,
  );

  let closed: Promise<void> | null = null;
  return {
    host,
    port: boundPort,
    stats: () => ({ connections: peers.size, topics: registry.size, messagesRelayed, messagesRejected }),
    close() {
      closed ??= shutDown();
      return closed;
    },
  };

  async function shutDown(): Promise<void> {
    shuttingDown = true;
    clearInterval(heartbeat);
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeAllConnections();
    for (const peer of peers) {
      peer.closeReason ??= 'server shutting down';
      peer.socket.close(1001, 'server shutting down');
    }
    const grace = setTimeout(() => {
      for (const peer of peers) peer.socket.terminate();
    }, CLOSE_GRACE_MS);
    await Promise.all([stopped, allPeersGone()]);
    clearTimeout(grace);
    wss.close();
    log.line('stopped');
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, rejectListen) => {
    const onError = (error: Error): void => rejectListen(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function refuseUpgrade(socket: Duplex, why: string): void {
  const body = `Lockstep signaling: ${why}.`;
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nRetry-After: 10\r\n\r\n${body}`,
  );
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function isValidHost(host: unknown): host is string {
  return typeof host === 'string' && (isIP(host) !== 0 || HOST_NAME.test(host));
}
