import type { LockstepBridge } from '../../shared/ipc/bridge';
import { createBrowserHost } from './browser';
import { createElectronHost, electronBridge } from './electron';

let host: LockstepBridge | undefined;

/** The renderer's one door to its host: the Electron preload when present, else the browser. */
export function getHost(): LockstepBridge {
  if (!host) {
    const bridge = electronBridge();
    host = bridge ? createElectronHost(bridge) : createBrowserHost();
  }
  return host;
}

/** Tests replace the host with a fake; returns a function that restores the previous one. */
export function setHostForTesting(replacement: LockstepBridge): () => void {
  const previous = host;
  host = replacement;
  return () => {
    host = previous;
  };
}

export type { LockstepBridge } from '../../shared/ipc/bridge';
