import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { IpcArg, IpcChannel, IpcEventName, IpcEvents, IpcResult } from '../../shared/ipc/contract';
import type { LockstepBridge } from '../../shared/ipc/bridge';

/**
 * The whole surface the renderer gets: named methods over one typed invoke. ipcRenderer,
 * IPC events and channel names never cross into the page.
 */
function invoke<C extends IpcChannel>(channel: C, ...arg: IpcArg<C> extends void ? [] : [IpcArg<C>]): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...arg) as Promise<IpcResult<C>>;
}

/**
 * Pushes from main. Events that arrive before the page subscribes (a deep link that
 * launched the app) are kept and handed to the first listener, so nothing is lost while
 * the renderer is still opening its storage.
 */
function subscribable<E extends IpcEventName>(name: E): (listener: (payload: IpcEvents[E]) => void) => () => void {
  const listeners = new Set<(payload: IpcEvents[E]) => void>();
  let backlog: IpcEvents[E][] = [];
  ipcRenderer.on(name, (_event: IpcRendererEvent, payload: IpcEvents[E]) => {
    if (listeners.size === 0) {
      backlog.push(payload);
      return;
    }
    for (const listener of listeners) listener(payload);
  });
  return (listener) => {
    listeners.add(listener);
    const pending = backlog;
    backlog = [];
    for (const payload of pending) listener(payload);
    return () => {
      listeners.delete(listener);
    };
  };
}

const onMenuCommand = subscribable('menu:command');
const onOpenUrl = subscribable('app:open-url');
const onOpenFile = subscribable('app:open-file');

const bridge = {
  kind: 'electron',
  appVersion: () => invoke('app:version'),
  openExternal: (url) => invoke('shell:open-external', url),
  saveFile: (request) => invoke('file:save', request),
  openFile: (filters) => invoke('file:open', filters),
  printToPdf: (defaultName) => invoke('file:print-pdf', { defaultName }),
  workshopInterfaces: () => invoke('workshop:interfaces'),
  startWorkshop: (host, port) => invoke('workshop:start', { host, port }),
  stopWorkshop: () => invoke('workshop:stop'),
  onMenuCommand: (listener) => onMenuCommand(listener),
  onOpenUrl: (listener) => onOpenUrl(listener),
  onOpenFile: (listener) => onOpenFile(listener),
} satisfies LockstepBridge;

contextBridge.exposeInMainWorld('lockstep', bridge);
