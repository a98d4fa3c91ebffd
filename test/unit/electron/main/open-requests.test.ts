import { describe, expect, it, vi } from 'vitest';
import { OpenRequestQueue, openRequestsFromArgv } from '../../../../electron/main/open-requests';

describe('open requests from a command line', () => {
  it('picks deep links and plan files, ignoring the executable and flags', () => {
    expect(
      openRequestsFromArgv([
        '/opt/Lockstep/lockstep',
        '--no-sandbox',
        '--allow-file-access-from-files',
        'lockstep://join/room#key',
        '/home/ana/Launch Plan.lockstep',
        '/home/ana/notes.txt',
        '--flag=evil.lockstep',
      ]),
    ).toEqual([
      { kind: 'url', url: 'lockstep://join/room#key' },
      { kind: 'file', path: '/home/ana/Launch Plan.lockstep' },
    ]);
  });

  it('ignores absurdly long links and the executable even if it looks like a link', () => {
    expect(openRequestsFromArgv(['lockstep://first-arg-is-the-exe'])).toEqual([]);
    expect(openRequestsFromArgv(['exe', `lockstep://${'a'.repeat(10_000)}`])).toEqual([]);
  });
});

describe('OpenRequestQueue', () => {
  it('holds requests until the renderer is ready, then delivers in order', () => {
    const queue = new OpenRequestQueue();
    queue.push({ name: 'app:open-url', payload: 'lockstep://a' });
    queue.push({ name: 'app:open-url', payload: 'lockstep://b' });
    const deliver = vi.fn();
    queue.attach(deliver);
    expect(deliver.mock.calls.map((c) => (c[0] as { payload: string }).payload)).toEqual(['lockstep://a', 'lockstep://b']);
    queue.push({ name: 'app:open-url', payload: 'lockstep://c' });
    expect(deliver).toHaveBeenCalledTimes(3);
  });

  it('queues again while the renderer reloads', () => {
    const queue = new OpenRequestQueue();
    const first = vi.fn();
    queue.attach(first);
    queue.detach();
    queue.push({ name: 'app:open-url', payload: 'lockstep://x' });
    expect(first).not.toHaveBeenCalled();
    expect(queue.size).toBe(1);
    const second = vi.fn();
    queue.attach(second);
    expect(second).toHaveBeenCalledTimes(1);
  });
});
