import { networkInterfaces } from 'node:os';
import type { NetworkInterfaceInfo as OsInterfaceInfo } from 'node:os';
import { err, ok } from '../../../shared/result';
import type { NetworkInterfaceInfo, WorkshopHostInfo } from '../../../shared/ipc/contract';
import { startSignalingServer } from '../signaling/server';
import { SignalingStartError } from '../signaling/start-error';
import type { IpcRouter } from './router';

type SignalingServer = Awaited<ReturnType<typeof startSignalingServer>>;

/** Flattens os.networkInterfaces() into the contract's shape, IPv4 first, loopback last. */
export function listInterfaces(
  raw: NodeJS.Dict<OsInterfaceInfo[]> = networkInterfaces(),
): NetworkInterfaceInfo[] {
  const list: NetworkInterfaceInfo[] = [];
  for (const [name, entries] of Object.entries(raw)) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4' && entry.family !== 'IPv6') continue;
      // Link-local IPv6 needs a zone id in URLs and browsers reject those: useless to share.
      if (entry.family === 'IPv6' && entry.address.toLowerCase().startsWith('fe80:')) continue;
      list.push({ name, address: entry.address, family: entry.family, internal: entry.internal });
    }
  }
  const rank = (i: NetworkInterfaceInfo): number => (i.internal ? 2 : 0) + (i.family === 'IPv6' ? 1 : 0);
  return list.sort((a, b) => rank(a) - rank(b));
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** The addresses participants should use for a server bound to `host`. */
export function shareableAddresses(host: string, interfaces: NetworkInterfaceInfo[]): string[] {
  if (!WILDCARD_HOSTS.has(host)) return [host];
  const wantV6 = host === '::';
  const external = interfaces.filter((i) => !i.internal && (wantV6 || i.family === 'IPv4'));
  const chosen = external.length > 0 ? external : interfaces.filter((i) => i.internal && i.family === 'IPv4');
  return chosen.map((i) => i.address);
}

export function workshopUrls(addresses: string[], port: number): WorkshopHostInfo {
  return {
    port,
    signalingUrls: addresses.map((a) => `ws://${urlHost(a)}:${port}`),
    webUrls: addresses.map((a) => `http://${urlHost(a)}:${port}/`),
  };
}

export interface WorkshopIpcOptions {
  /** The built renderer, served to browser participants at http://HOST:PORT/. */
  rendererDir: string;
  onLog?: (line: string) => void;
  interfaces?: () => NetworkInterfaceInfo[];
  start?: typeof startSignalingServer;
}

/** Hosts one LAN signaling server at a time for a workshop. */
export function registerWorkshopIpc(router: IpcRouter, options: WorkshopIpcOptions): { stop(): Promise<void> } {
  const interfaces = options.interfaces ?? (() => listInterfaces());
  const start = options.start ?? startSignalingServer;
  let running: SignalingServer | null = null;

  const stop = async (): Promise<void> => {
    const server = running;
    running = null;
    if (server) await server.close();
  };

  router.handle('workshop:interfaces', () => interfaces());

  router.handle('workshop:start', async ({ host, port }) => {
    const known = interfaces();
    if (!WILDCARD_HOSTS.has(host) && !known.some((i) => i.address === host)) {
      return err('workshop/unknown-address', `${host} is not an address of this computer.`);
    }
    await stop();
    try {
      const server = await start({
        host,
        port,
        staticDir: options.rendererDir,
        ...(options.onLog ? { onLog: options.onLog } : {}),
      });
      running = server;
      return ok(workshopUrls(shareableAddresses(server.host, known), server.port));
    } catch (cause) {
      // The server explains its own failures (SignalingStartError: stable code + plain words).
      if (cause instanceof SignalingStartError) return err(cause.code, cause.message);
      return err('workshop/start-failed', 'The workshop server could not start on that address.');
    }
  });

  router.handle('workshop:stop', async () => {
    try {
      await stop();
      return ok(undefined);
    } catch {
      return err('workshop/stop-failed', 'The workshop server did not stop cleanly.');
    }
  });

  return { stop };
}
