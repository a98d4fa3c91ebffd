import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronMock } from '../../mocks/electron';
import { listInterfaces, registerWorkshopIpc, shareableAddresses, workshopUrls } from '../../../../../electron/main/ipc/workshop-ipc';
import { SignalingStartError } from '../../../../../electron/main/signaling/start-error';
import type { NetworkInterfaceInfo } from '../../../../../shared/ipc/contract';
import { routerFor } from './helpers';

const lan: NetworkInterfaceInfo[] = [
  { name: 'lo', address: '127.0.0.1', family: 'IPv4', internal: true },
  { name: 'eth0', address: '192.168.1.20', family: 'IPv4', internal: false },
  { name: 'eth0', address: 'fd00::20', family: 'IPv6', internal: false },
];

function fakeServer(host: string, port: number) {
  return { host, port, close: vi.fn(async () => {}), stats: () => ({}) };
}

describe('workshop IPC', () => {
  beforeEach(() => resetElectronMock());

  it('lists interfaces, IPv4 first, without link-local IPv6', () => {
    const list = listInterfaces({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '', mac: '', cidr: null }],
      eth0: [
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 2 },
        { address: '10.0.0.5', family: 'IPv4', internal: false, netmask: '', mac: '', cidr: null },
      ],
    });
    expect(list.map((i) => i.address)).toEqual(['10.0.0.5', '127.0.0.1']);
  });

  it('names shareable addresses for wildcard and specific binds', () => {
    expect(shareableAddresses('0.0.0.0', lan)).toEqual(['192.168.1.20']);
    expect(shareableAddresses('192.168.1.20', lan)).toEqual(['192.168.1.20']);
    expect(workshopUrls(['fd00::20'], 4444)).toEqual({ port: 4444, signalingUrls: ['ws://[fd00::20]:4444'], webUrls: ['http://[fd00::20]:4444/'] });
  });

  it('starts the signaling server with the built renderer as its static folder', async () => {
    const start = vi.fn(async (o: { host: string; port: number }) => fakeServer(o.host, o.port === 0 ? 51234 : o.port));
    const { router, call } = routerFor();
    registerWorkshopIpc(router, { rendererDir: '/app/dist/renderer', interfaces: () => lan, start: start as never });
    const result = await call('workshop:start', { host: '192.168.1.20', port: 0 });
    expect(start).toHaveBeenCalledWith(expect.objectContaining({ host: '192.168.1.20', port: 0, staticDir: '/app/dist/renderer' }));
    expect(result).toEqual({ ok: true, value: { port: 51234, signalingUrls: ['ws://192.168.1.20:51234'], webUrls: ['http://192.168.1.20:51234/'] } });
  });

  it('refuses an address that is not this computer', async () => {
    const start = vi.fn();
    const { router, call } = routerFor();
    registerWorkshopIpc(router, { rendererDir: '/r', interfaces: () => lan, start: start as never });
    expect(await call('workshop:start', { host: '8.8.8.8', port: 4444 })).toMatchObject({ ok: false, error: { code: 'workshop/unknown-address' } });
    expect(start).not.toHaveBeenCalled();
  });

  it("passes on the server's own explanation when it cannot start", async () => {
    const start = vi.fn(async () => {
      throw new SignalingStartError('signal/port-in-use', 'Port 4444 is already in use.');
    });
    const { router, call } = routerFor();
    registerWorkshopIpc(router, { rendererDir: '/r', interfaces: () => lan, start: start as never });
    expect(await call('workshop:start', { host: '0.0.0.0', port: 4444 })).toEqual({ ok: false, error: { code: 'signal/port-in-use', message: 'Port 4444 is already in use.' } });
  });

  it('runs one server at a time and stops it', async () => {
    const servers: ReturnType<typeof fakeServer>[] = [];
    const start = vi.fn(async (o: { host: string; port: number }) => {
      const server = fakeServer(o.host, o.port);
      servers.push(server);
      return server;
    });
    const { router, call } = routerFor();
    registerWorkshopIpc(router, { rendererDir: '/r', interfaces: () => lan, start: start as never });
    await call('workshop:start', { host: '0.0.0.0', port: 4444 });
    await call('workshop:start', { host: '0.0.0.0', port: 4445 });
    expect(servers[0]?.close).toHaveBeenCalledTimes(1);
    expect(await call('workshop:stop')).toEqual({ ok: true, value: undefined });
    expect(servers[1]?.close).toHaveBeenCalledTimes(1);
  });
});
