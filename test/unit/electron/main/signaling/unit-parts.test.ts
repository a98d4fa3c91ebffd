import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { createRateLimiter } from '../../../../../electron/main/signaling/rate-limit';
import { reachableHosts, serverUrls } from '../../../../../electron/main/signaling/addresses';
import { DEFAULT_SIGNALING_LIMITS, resolveLimits } from '../../../../../electron/main/signaling/limits';
import { createFrameParser } from '../../../../../electron/main/signaling/protocol';
import { TopicRegistry } from '../../../../../electron/main/signaling/topic-registry';

describe('rate limiter', () => {
  it('accepts a burst, then refills at the rate', () => {
    const limiter = createRateLimiter({ perSecond: 10, burst: 3, nowMs: 0 });
    expect([0, 0, 0, 0].map(() => limiter.take(0))).toEqual(['accept', 'accept', 'accept', 'drop']);
    expect(limiter.take(100)).toBe('accept');
    expect(limiter.take(100)).toBe('drop');
    expect(limiter.take(10_000)).toBe('accept');
  });

  it('disconnects once the excess exceeds another burst, and forgives slow excess', () => {
    const flood = createRateLimiter({ perSecond: 10, burst: 3, nowMs: 0 });
    const decisions = Array.from({ length: 8 }, () => flood.take(0));
    expect(decisions).toEqual(['accept', 'accept', 'accept', 'drop', 'drop', 'drop', 'disconnect', 'disconnect']);

    const bursty = createRateLimiter({ perSecond: 10, burst: 3, nowMs: 0 });
    for (let second = 0; second < 20; second++) {
      // 3 over the limit every second: dropped, but the penalty drains before it adds up.
      const now = second * 1000;
      const taken = Array.from({ length: 6 }, () => bursty.take(now));
      expect(taken).not.toContain('disconnect');
    }
  });

  it('does not hand out tokens when the clock goes backwards', () => {
    const limiter = createRateLimiter({ perSecond: 1000, burst: 1, nowMs: 10_000 });
    expect(limiter.take(10_000)).toBe('accept');
    expect(limiter.take(0)).toBe('drop');
  });
});

describe('limits', () => {
  it('fills defaults and refuses nonsense', () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_SIGNALING_LIMITS);
    expect(DEFAULT_SIGNALING_LIMITS.maxPayloadBytes).toBe(65_536);
    expect(resolveLimits({ burst: 7 })).toMatchObject({ burst: 7, messagesPerSecond: DEFAULT_SIGNALING_LIMITS.messagesPerSecond });
    for (const bad of [{ burst: 0 }, { messagesPerSecond: Number.NaN }, { maxConnections: 1.5 }, { pingTimeoutMs: -1 }, { maxPayloadBytes: Infinity }]) {
      expect(typeof resolveLimits(bad)).toBe('string');
    }
  });
});

describe('frame parser', () => {
  const parser = createFrameParser({ maxTopicLength: 8, maxTopicsPerConnection: 2 });
  const parse = (text: string) => parser.parse(Buffer.from(text));

  it('accepts the four client frames and strips unknown fields', () => {
    expect(parse('{"type":"subscribe","topics":["a"]}')).toEqual({ ok: true, value: { type: 'subscribe', topics: ['a'] } });
    expect(parse('{"type":"unsubscribe","topics":[]}')).toEqual({ ok: true, value: { type: 'unsubscribe', topics: [] } });
    expect(parse('{"type":"publish","topic":"a","data":{"x":1},"clients":5}')).toEqual({ ok: true, value: { type: 'publish', topic: 'a', data: { x: 1 } } });
    expect(parse('{"type":"ping"}')).toEqual({ ok: true, value: { type: 'ping' } });
  });

  it('names the problem', () => {
    expect(parse('nope')).toEqual({ ok: false, error: 'not-json' });
    expect(parse('{"type":"subscribe","topics":["123456789"]}')).toEqual({ ok: false, error: 'invalid-frame' });
    expect(parse('{"type":"subscribe","topics":["a","b","c"]}')).toEqual({ ok: false, error: 'invalid-frame' });
    expect(parser.parse([Buffer.from('{"type":'), Buffer.from('"ping"}')])).toEqual({ ok: true, value: { type: 'ping' } });
  });
});

describe('topic registry', () => {
  it('removes a topic when its last member leaves', () => {
    const registry = new TopicRegistry<string>();
    registry.add('t', 'a');
    registry.add('t', 'b');
    registry.remove('t', 'a');
    expect([...registry.members('t')]).toEqual(['b']);
    registry.remove('t', 'b');
    registry.remove('never', 'b');
    expect(registry.size).toBe(0);
    expect(registry.members('t').size).toBe(0);
  });
});

describe('addresses', () => {
  const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
    ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;
  const interfaces = {
    lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
    wlan0: [iface('192.168.1.20', 'IPv4'), iface('fe80::1', 'IPv6'), iface('fd00::20', 'IPv6')],
    eth0: [iface('10.0.0.5', 'IPv4')],
  };

  it('lists every non-internal IPv4 address for 0.0.0.0', () => {
    expect(reachableHosts('0.0.0.0', interfaces)).toEqual(['192.168.1.20', '10.0.0.5']);
    expect(serverUrls('0.0.0.0', 4444, true, interfaces)).toEqual({
      signalingUrls: ['ws://192.168.1.20:4444', 'ws://10.0.0.5:4444'],
      webUrls: ['http://192.168.1.20:4444/', 'http://10.0.0.5:4444/'],
    });
  });

  it('adds routable IPv6 for ::, bracketed, and uses a specific host as is', () => {
    expect(reachableHosts('::', interfaces)).toEqual(['192.168.1.20', '[fd00::20]', '10.0.0.5']);
    expect(serverUrls('192.168.1.20', 4444, false, interfaces)).toEqual({ signalingUrls: ['ws://192.168.1.20:4444'], webUrls: [] });
    expect(reachableHosts('::1', interfaces)).toEqual(['[::1]']);
  });

  it('falls back to loopback on a machine without a network', () => {
    expect(reachableHosts('0.0.0.0', { lo: interfaces.lo })).toEqual(['127.0.0.1']);
  });
});
