/**
 * Where sessions look for peers on this device: the user's signaling settings, the workshop
 * this app is hosting (if any) and, for a browser participant, the workshop host that served
 * the page. A small observable so open plans restart their session when it changes.
 */
import type { WorkshopHostInfo } from '../../shared/ipc/contract';
import { cleanConnectionSettings, EMPTY_CONNECTION_SETTINGS, toRtcIceServers, type ConnectionSettings } from './connectionSettings';

export interface CollabEnvironment {
  /** Signaling URLs every shared plan uses on this device (besides the ones its invite carried). */
  signalingUrls(): string[];
  iceServers(): RTCIceServer[];
  settings(): ConnectionSettings;
  workshop(): WorkshopHostInfo | null;
  /** The ws:// URL of the server that served this page, when that is a workshop host. */
  servedBy(): string | null;
  subscribe(listener: () => void): () => void;
}

export interface MutableCollabEnvironment extends CollabEnvironment {
  setSettings(settings: ConnectionSettings): void;
  setWorkshop(info: WorkshopHostInfo | null): void;
}

/**
 * `servedBy` is decided once at start: a page loaded over http(s) from a Lockstep signaling
 * server (which serves the browser build) uses that server by default.
 */
export function createCollabEnvironment(servedBy: string | null): MutableCollabEnvironment {
  let settings = EMPTY_CONNECTION_SETTINGS;
  let workshop: WorkshopHostInfo | null = null;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };
  return {
    signalingUrls: () => [...new Set([...(workshop?.signalingUrls ?? []), ...settings.signalingUrls, ...(servedBy === null ? [] : [servedBy])])],
    iceServers: () => toRtcIceServers(settings.iceServers),
    settings: () => settings,
    workshop: () => workshop,
    servedBy: () => servedBy,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setSettings: (next) => {
      settings = cleanConnectionSettings(next);
      notify();
    },
    setWorkshop: (info) => {
      workshop = info;
      notify();
    },
  };
}

/**
 * The ws:// address of the host that served this page, or null. Only pages served over
 * http(s) by something other than the Vite dev server count; Electron loads app:// files.
 */
export function servingSignalingUrl(location: { protocol: string; host: string }, isBrowserHost: boolean): string | null {
  if (!isBrowserHost) return null;
  if (location.protocol === 'http:') return `ws://${location.host}`;
  if (location.protocol === 'https:') return `wss://${location.host}`;
  return null;
}
