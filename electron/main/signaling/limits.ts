/**
 * Hardening limits of the signaling server and their defaults.
 *
 * The defaults are sized for the workshop case (up to ~25 laptops in one room, all starting
 * together) with headroom: when a peer joins a full room, y-webrtc exchanges an offer or
 * answer plus several trickled ICE candidates with every other peer, so one honest client
 * can publish a couple of hundred signals within a second or two. It then goes quiet (a
 * ping every 15 s). 100 frames/s with a burst of 300 lets that through untouched, while a
 * flooding client is cut off after it has exceeded the rate by another 300 frames.
 */
export interface SignalingLimits {
  /** Largest accepted WebSocket frame, in bytes. Larger frames close the connection (1009). */
  maxPayloadBytes: number;
  /** Sustained frames per second one connection may send (token-bucket refill rate). */
  messagesPerSecond: number;
  /** Frames one connection may send at once before the rate applies (token-bucket size). */
  burst: number;
  /** Topics (rooms) one connection may be subscribed to at the same time. */
  maxTopicsPerConnection: number;
  /** Longest accepted topic name, in UTF-16 code units. */
  maxTopicLength: number;
  /** A connection that has answered neither a ping nor sent anything for this long is closed. */
  pingTimeoutMs: number;
  /** Simultaneous WebSocket connections; further upgrades are refused with HTTP 503. */
  maxConnections: number;
}

export const DEFAULT_SIGNALING_LIMITS: Readonly<SignalingLimits> = Object.freeze({
  maxPayloadBytes: 64 * 1024,
  messagesPerSecond: 100,
  burst: 300,
  maxTopicsPerConnection: 64,
  maxTopicLength: 256,
  pingTimeoutMs: 30_000,
  maxConnections: 512,
});

/** Each limit's accepted range; anything outside is a programming or configuration error. */
const RANGES: Record<keyof SignalingLimits, readonly [min: number, max: number]> = {
  maxPayloadBytes: [256, 16 * 1024 * 1024],
  messagesPerSecond: [1, 1_000_000],
  burst: [1, 1_000_000],
  maxTopicsPerConnection: [1, 100_000],
  maxTopicLength: [1, 65_536],
  pingTimeoutMs: [10, 24 * 60 * 60 * 1000],
  maxConnections: [1, 1_000_000],
};

/**
 * Fills in defaults and checks every given limit is a whole number in its range.
 * Returns a plain-words problem instead of a limits object when one is not.
 */
export function resolveLimits(partial: Partial<SignalingLimits> | undefined): SignalingLimits | string {
  const limits: SignalingLimits = { ...DEFAULT_SIGNALING_LIMITS, ...stripUndefined(partial ?? {}) };
  for (const key of Object.keys(RANGES) as (keyof SignalingLimits)[]) {
    const value = limits[key];
    const [min, max] = RANGES[key];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return `Signaling limit ${key} must be a whole number from ${min} to ${max} (got ${String(value)}).`;
    }
  }
  return limits;
}

function stripUndefined(partial: Partial<SignalingLimits>): Partial<SignalingLimits> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}
