import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { SignalingStartError, startSignalingServer } from '../../../../../electron/main/signaling/server';
import { TestClient, closeEverything, eventually, isPong, isPublish, startTestServer } from './helpers';

afterEach(closeEverything);

async function subscribed(url: string, topics: string[]): Promise<TestClient> {
  const client = await TestClient.connect(url);
  client.send({ type: 'subscribe', topics });
  await client.roundTrip();
  return client;
}

describe('relaying', () => {
  it('relays a publish to the other subscribers of the topic only, without occupancy', async () => {
    const { server, url } = await startTestServer();
    const alice = await subscribed(url, ['room-1']);
    const bob = await subscribed(url, ['room-1']);
    const carol = await subscribed(url, ['room-2']);

    alice.send({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'alice' }, clients: 99, extra: 'x' });
    const relayed = await bob.next(isPublish, 'the publish at bob');
    expect(relayed).toEqual({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'alice' } });

    // Everything sent before these round trips has been handled by the server.
    await Promise.all([alice.roundTrip(), carol.roundTrip()]);
    expect(alice.received.filter(isPublish)).toEqual([]);
    expect(carol.received.filter(isPublish)).toEqual([]);
    expect(server.stats().messagesRelayed).toBe(1);
  });

  it('relays encrypted (string) data unchanged, both ways', async () => {
    const { url } = await startTestServer();
    const alice = await subscribed(url, ['r']);
    const bob = await subscribed(url, ['r']);
    alice.send({ type: 'publish', topic: 'r', data: 'c2VjcmV0Cg==' });
    bob.send({ type: 'publish', topic: 'r', data: 'YW5zd2VyCg==' });
    expect(await bob.next(isPublish)).toEqual({ type: 'publish', topic: 'r', data: 'c2VjcmV0Cg==' });
    expect(await alice.next(isPublish)).toEqual({ type: 'publish', topic: 'r', data: 'YW5zd2VyCg==' });
  });

  it('rejects a publish to a topic the sender has not subscribed to', async () => {
    const { server, url } = await startTestServer();
    const listener = await subscribed(url, ['room']);
    const intruder = await TestClient.connect(url);
    intruder.send({ type: 'publish', topic: 'room', data: { type: 'announce', from: 'x' } });
    await intruder.roundTrip();
    await listener.roundTrip();
    expect(listener.received.filter(isPublish)).toEqual([]);
    expect(server.stats()).toMatchObject({ messagesRelayed: 0, messagesRejected: 1 });
  });

  it('stops relaying after unsubscribe and removes topics nobody is in', async () => {
    const { server, url } = await startTestServer();
    const alice = await subscribed(url, ['a', 'b']);
    const bob = await subscribed(url, ['a']);
    expect(server.stats().topics).toBe(2);

    bob.send({ type: 'unsubscribe', topics: ['a', 'never-subscribed'] });
    await bob.roundTrip();
    expect(server.stats().topics).toBe(2);
    alice.send({ type: 'publish', topic: 'a', data: 'x' });
    await alice.roundTrip();
    await bob.roundTrip();
    expect(bob.received.filter(isPublish)).toEqual([]);

    alice.send({ type: 'unsubscribe', topics: ['a'] });
    await alice.roundTrip();
    expect(server.stats().topics).toBe(1);

    alice.socket.close();
    await eventually(() => server.stats().topics === 0 && server.stats().connections === 1, 'alice is gone');
  });

  it('answers ping with pong', async () => {
    const { url } = await startTestServer();
    const client = await TestClient.connect(url);
    client.send({ type: 'ping' });
    expect(await client.next(isPong)).toEqual({ type: 'pong' });
  });
});

describe('limits', () => {
  it('closes a connection that sends a frame over the payload limit, and keeps serving others', async () => {
    const { server, url } = await startTestServer();
    const other = await subscribed(url, ['t']);
    const big = await subscribed(url, ['t']);
    big.send({ type: 'publish', topic: 't', data: 'x'.repeat(64 * 1024) });
    expect((await big.closed).code).toBe(1009);
    await other.roundTrip();
    expect(other.received.filter(isPublish)).toEqual([]);
    expect(server.stats().messagesRejected).toBe(1);
  });

  it('accepts a frame just under the payload limit', async () => {
    const { url } = await startTestServer({ limits: { maxPayloadBytes: 4096 } });
    const alice = await subscribed(url, ['t']);
    const bob = await subscribed(url, ['t']);
    const envelope = JSON.stringify({ type: 'publish', topic: 't', data: '' });
    alice.send({ type: 'publish', topic: 't', data: 'y'.repeat(4096 - envelope.length) });
    expect(await bob.next(isPublish)).toMatchObject({ topic: 't' });
  });

  it('drops frames over the rate and keeps the connection while the excess is small', async () => {
    const { server, url } = await startTestServer({ limits: { messagesPerSecond: 1, burst: 5 } });
    const bob = await subscribed(url, ['t']);
    const alice = await TestClient.connect(url);
    // 1 subscribe + 8 publishes against a bucket of 5: 4 accepted publishes, 4 dropped.
    alice.send({ type: 'subscribe', topics: ['t'] });
    for (let i = 0; i < 8; i++) alice.send({ type: 'publish', topic: 't', data: `m${i}` });
    await bob.next(() => bob.received.filter(isPublish).length === 4, 'four publishes');
    await eventually(() => server.stats().messagesRejected === 4, 'four rejections');
    expect(alice.isOpen).toBe(true);
    expect(bob.received.filter(isPublish).map((frame) => (frame as { data: unknown }).data)).toEqual(['m0', 'm1', 'm2', 'm3']);
  });

  it('disconnects a flooding client with a clear close reason', async () => {
    const { server, url } = await startTestServer({ limits: { messagesPerSecond: 1, burst: 5 } });
    const flooder = await TestClient.connect(url);
    for (let i = 0; i < 50; i++) flooder.send({ type: 'ping' });
    expect(await flooder.closed).toEqual({ code: 1008, reason: 'rate limit exceeded' });
    expect(server.stats().messagesRejected).toBeGreaterThanOrEqual(6);
    const polite = await TestClient.connect(url);
    await polite.roundTrip();
  });

  it('caps the number of topics per connection, across frames', async () => {
    const { server, url } = await startTestServer({ limits: { maxTopicsPerConnection: 3 } });
    const client = await subscribed(url, ['a', 'b', 'a']);
    client.send({ type: 'subscribe', topics: ['b', 'c'] });
    await client.roundTrip();
    expect(server.stats().topics).toBe(3);
    client.send({ type: 'subscribe', topics: ['d'] });
    expect(await client.closed).toEqual({ code: 1008, reason: 'too many topics (limit 3)' });
    await eventually(() => server.stats().topics === 0, 'its topics are removed');
  });

  it('refuses a single frame listing more topics than the cap', async () => {
    const { server, url } = await startTestServer({ limits: { maxTopicsPerConnection: 2 } });
    const client = await TestClient.connect(url);
    client.send({ type: 'subscribe', topics: ['a', 'b', 'c'] });
    await client.roundTrip();
    expect(server.stats()).toMatchObject({ topics: 0, messagesRejected: 1 });
  });

  it('refuses topics longer than the cap and empty topics', async () => {
    const { server, url } = await startTestServer({ limits: { maxTopicLength: 16 } });
    const client = await TestClient.connect(url);
    client.send({ type: 'subscribe', topics: ['x'.repeat(17)] });
    client.send({ type: 'subscribe', topics: [''] });
    client.send({ type: 'subscribe', topics: ['x'.repeat(16)] });
    await client.roundTrip();
    expect(server.stats()).toMatchObject({ topics: 1, messagesRejected: 2 });
  });

  it('closes connections that stop answering pings, and keeps the ones that answer', async () => {
    const { server, url } = await startTestServer({ limits: { pingTimeoutMs: 1000 } });
    const dead = await TestClient.connect(url, { autoPong: false });
    dead.send({ type: 'subscribe', topics: ['t'] });
    const alive = await subscribed(url, ['t']);
    await dead.closed;
    await eventually(() => server.stats().connections === 1, 'the dead connection is dropped');
    expect(alive.isOpen).toBe(true);
    expect(server.stats().topics).toBe(1);
  });

  it('refuses connections over the cap with HTTP 503 and accepts again when one leaves', async () => {
    const { server, url } = await startTestServer({ limits: { maxConnections: 2 } });
    const first = await TestClient.connect(url);
    await TestClient.connect(url);
    await expect(TestClient.connect(url)).rejects.toThrow('HTTP 503');
    first.socket.close();
    await eventually(() => server.stats().connections === 1, 'a slot is free');
    await (await TestClient.connect(url)).roundTrip();
  });
});

describe('malformed frames', () => {
  const garbage: (string | Buffer)[] = [
    'not json',
    '{"type":',
    '',
    'null',
    '42',
    '"publish"',
    '[]',
    '{}',
    '{"type":"subscribe"}',
    '{"type":"subscribe","topics":"room"}',
    '{"type":"subscribe","topics":[1,2]}',
    '{"type":"subscribe","topics":[null]}',
    '{"type":"publish","topic":5,"data":"x"}',
    '{"type":"publish","topic":"t"}',
    '{"type":"publish","topic":"t","data":42}',
    '{"type":"publish","topic":"t","data":[1]}',
    '{"type":"pong"}',
    '{"type":"__proto__","topics":[]}',
    '{"__proto__":{"type":"ping"}}',
    '{"type":"constructor"}',
    '['.repeat(20_000) + ']'.repeat(20_000),
    Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]),
  ];

  it('counts every malformed frame, never crashes, and keeps the connection usable', async () => {
    const { server, url } = await startTestServer();
    const peer = await subscribed(url, ['t']);
    const client = await subscribed(url, ['t']);
    for (const frame of garbage) client.send(frame);
    await client.roundTrip();
    expect(server.stats().messagesRejected).toBe(garbage.length);
    await peer.roundTrip();
    expect(peer.received.filter(isPublish)).toEqual([]);
  });

  it('refuses a publish whose data nests too deeply to re-encode', async () => {
    const { server, url } = await startTestServer();
    const peer = await subscribed(url, ['t']);
    const client = await subscribed(url, ['t']);
    // ~60 KB: under the payload limit, so the frame reaches the parser.
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    client.send(`{"type":"publish","topic":"t","data":${deep}}`);
    await client.roundTrip();
    await peer.roundTrip();
    // Either the parser or the encoder refuses it; it must not be relayed or crash the server.
    expect(server.stats().messagesRejected + server.stats().messagesRelayed).toBe(1);
  });

  it('accepts binary frames that contain valid JSON (as the stock server does)', async () => {
    const { url } = await startTestServer();
    const alice = await subscribed(url, ['t']);
    const bob = await subscribed(url, ['t']);
    alice.send(Buffer.from(JSON.stringify({ type: 'publish', topic: 't', data: 'bin' })));
    expect(await bob.next(isPublish)).toEqual({ type: 'publish', topic: 't', data: 'bin' });
  });
});

describe('transcript', () => {
  it('logs counts and hashed topic ids, never topic names or payloads', async () => {
    const { server, url, logs } = await startTestServer();
    const topic = 'Spring launch 2027 / secret 9f8e7d';
    const sdp = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\na=candidate:1 1 udp 2122260223 192.168.1.7 50000 typ host';
    const alice = await subscribed(url, [topic]);
    const bob = await subscribed(url, [topic]);
    alice.send({ type: 'publish', topic, data: { type: 'signal', from: 'alice-peer-id', signal: { type: 'offer', sdp } } });
    await bob.next(isPublish);
    alice.send('garbage that mentions Spring launch');
    alice.send({ type: 'publish', topic: 'Other plan name', data: 'x' });
    alice.send({ type: 'subscribe', topics: [topic + 'x'.repeat(300)] });
    await alice.roundTrip();
    alice.socket.close(4000, 'bye Spring launch');
    await eventually(() => server.stats().connections === 1, 'alice is gone');
    await server.close();

    const transcript = logs.join('\n');
    expect(logs.length).toBeGreaterThan(5);
    for (const secret of ['Spring', 'launch', '9f8e7d', 'Other plan', 'v=0', 'candidate', '192.168', 'alice-peer-id', 'offer', 'garbage', 'bye']) {
      expect(transcript).not.toContain(secret);
    }
    expect(transcript).toMatch(/subscribed to t:[0-9a-f]{10}/);
  });
});

describe('starting and stopping', () => {
  it('reports a port in use as a rejected promise in plain words', async () => {
    const { server } = await startTestServer();
    const attempt = startSignalingServer({ host: '127.0.0.1', port: server.port });
    await expect(attempt).rejects.toBeInstanceOf(SignalingStartError);
    await expect(attempt).rejects.toMatchObject({ code: 'signal/port-in-use', message: expect.stringContaining(`Port ${server.port} is already in use`) });
  });

  it('rejects bad ports and hosts before trying to listen', async () => {
    await expect(startSignalingServer({ host: '127.0.0.1', port: 70_000 })).rejects.toMatchObject({ code: 'signal/bad-port' });
    await expect(startSignalingServer({ host: '127.0.0.1', port: 1.5 })).rejects.toMatchObject({ code: 'signal/bad-port' });
    await expect(startSignalingServer({ host: 'not a host', port: 0 })).rejects.toMatchObject({ code: 'signal/bad-host' });
    await expect(startSignalingServer({ host: '', port: 0 })).rejects.toMatchObject({ code: 'signal/bad-host' });
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, limits: { burst: 0 } })).rejects.toMatchObject({ code: 'signal/bad-limits' });
  });

  it('reports an address that is not this computer’s', async () => {
    // 192.0.2.0/24 is TEST-NET-1; .77 is not assigned to any interface here.
    await expect(startSignalingServer({ host: '192.0.2.77', port: 0 })).rejects.toMatchObject({
      code: 'signal/host-unavailable',
      message: expect.stringContaining('does not belong to this computer'),
    });
  });

  it('closes clients with 1001, frees the port, and can be closed twice', async () => {
    const { server, url } = await startTestServer();
    const client = await subscribed(url, ['t']);
    await server.close();
    expect((await client.closed).code).toBe(1001);
    await server.close();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(server.port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => probe.close(resolve));
    expect(server.stats().connections).toBe(0);
  });
});
