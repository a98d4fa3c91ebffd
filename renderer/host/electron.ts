import type { LockstepBridge } from '../../shared/ipc/bridge';
import './global';

/**
 * The Electron host: the preload's bridge, forwarded method by method so the renderer only
 * ever depends on the LockstepBridge type and a missing method fails loudly at startup.
 */
export function createElectronHost(bridge: LockstepBridge): LockstepBridge {
  return {
    kind: 'electron',
    appVersion: () => bridge.appVersion(),
    openExternal: (url) => bridge.openExternal(url),
    saveFile: (request) => bridge.saveFile(request),
    openFile: (filters) => bridge.openFile(filters),
    printToPdf: (defaultName) => bridge.printToPdf(defaultName),
    workshopInterfaces: () => bridge.workshopInterfaces(),
    startWorkshop: (host, port) => bridge.startWorkshop(host, port),
    stopWorkshop: () => bridge.stopWorkshop(),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    onOpenUrl: (listener) => bridge.onOpenUrl(listener),
    onOpenFile: (listener) => bridge.onOpenFile(listener),
  };
}

export function electronBridge(): LockstepBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.lockstep;
}
