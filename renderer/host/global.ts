import type { LockstepBridge } from '../../shared/ipc/bridge';

// The one declaration of what the Electron preload puts on window. Absent in a browser.
declare global {
  interface Window {
    lockstep?: LockstepBridge;
  }
}

export {};
