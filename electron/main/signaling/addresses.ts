/**
 * The addresses people type or scan to reach a running server: one ws:// URL (and one
 * http:// URL when the app is served) per network interface the server listens on.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { isIPv6 } from 'node:net';

export interface ServerUrls {
  signalingUrls: string[];
  webUrls: string[];
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

export function serverUrls(host: string, port: number, servesApp: boolean, interfaces: Interfaces = networkInterfaces()): ServerUrls {
  const hosts = reachableHosts(host, interfaces);
  return {
    signalingUrls: hosts.map((h) => `ws://${h}:${port}`),
    webUrls: servesApp ? hosts.map((h) => `http://${h}:${port}/`) : [],
  };
}

/** URL host parts (IPv6 in brackets) for a listen address. */
export function reachableHosts(host: string, interfaces: Interfaces = networkInterfaces()): string[] {
  const wildcardV4 = host === '0.0.0.0';
  const wildcardAny = host === '::' || host === '';
  if (!wildcardV4 && !wildcardAny) return [urlHost(host)];

  const found: string[] = [];
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      // Node 18.0–18.3 reported the family as a number.
      const family = String(entry.family);
      const v4 = family === 'IPv4' || family === '4';
      // Link-local IPv6 needs a zone id that browsers do not accept in URLs.
      if (!v4 && (wildcardV4 || entry.address.toLowerCase().startsWith('fe80'))) continue;
      found.push(urlHost(entry.address));
    }
  }
  // A machine with only loopback (or no network) can still be used from itself.
  return found.length > 0 ? [...new Set(found)] : [wildcardV4 ? '127.0.0.1' : '[::1]'];
}

function urlHost(address: string): string {
  return isIPv6(address) ? `[${address}]` : address;
}
