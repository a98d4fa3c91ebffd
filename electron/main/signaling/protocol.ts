/**
 * The y-webrtc signaling protocol (see node_modules/y-webrtc/bin/server.js and the
 * `SignalingConn` in y-webrtc.js), as untrusted input: every frame is parsed defensively
 * and checked against a schema before the server acts on it.
 *
 *   client → server  {type:'subscribe', topics: string[]}
 *                    {type:'unsubscribe', topics: string[]}
 *                    {type:'publish', topic: string, data: string | object}
 *                    {type:'ping'}
 *   server → client  {type:'publish', topic, data}   (relayed to the topic's other subscribers)
 *                    {type:'pong'}
 *
 * The stock server also adds `clients` (the topic's subscriber count) to relayed publishes.
 * y-webrtc never reads it, so it is left out: nobody learns how many are in a room.
 */
import { z } from 'zod';
import type { Result } from '../../../shared/result';

export type SignalingFrame =
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; data: string | Record<string, unknown> }
  | { type: 'ping' };

export type FrameProblem = 'not-json' | 'invalid-frame';

export interface FrameParser {
  parse(raw: Buffer | ArrayBuffer | Buffer[]): Result<SignalingFrame, FrameProblem>;
}

/** Builds a parser whose schema already enforces the topic-length and per-frame topic caps. */
export function createFrameParser(limits: { maxTopicLength: number; maxTopicsPerConnection: number }): FrameParser {
  const topic = z.string().min(1).max(limits.maxTopicLength);
  const topics = z.array(topic).max(limits.maxTopicsPerConnection);
  // y-webrtc sends a base64 string when the room has a password and a plain object otherwise.
  // Checked without copying: the server relays it and never reads inside it.
  const data = z.custom<string | Record<string, unknown>>(
    (value) => typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value)),
  );
  const schema = z.discriminatedUnion('type', [
    z.object({ type: z.literal('subscribe'), topics }),
    z.object({ type: z.literal('unsubscribe'), topics }),
    z.object({ type: z.literal('publish'), topic, data }),
    z.object({ type: z.literal('ping') }),
  ]);

  return {
    parse(raw) {
      let json: unknown;
      try {
        json = JSON.parse(rawToString(raw));
      } catch {
        return { ok: false, error: 'not-json' };
      }
      const checked = schema.safeParse(json);
      return checked.success ? { ok: true, value: checked.data } : { ok: false, error: 'invalid-frame' };
    },
  };
}

function rawToString(raw: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
