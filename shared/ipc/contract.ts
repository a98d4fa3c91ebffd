import type { Result } from '../result';

/**
 * The one contract between the renderer and its host. Every channel is declared here once:
 * the Electron main router, the preload and the browser host are all checked against it.
 * Arguments and results are plain serializable data.
 */
export type MenuCommand =
  | 'plan:new'
  | 'plan:import'
  | 'plan:export'
  | 'edit:undo'
  | 'edit:redo'
  | 'app:about'
  | 'app:settings'
  | 'insight:capture';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface SaveFileRequest {
  defaultName: string;
  filters: FileFilter[];
  /** Text or bytes; bytes travel as Uint8Array (structured clone). */
  content: string | Uint8Array;
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export interface NetworkInterfaceInfo {
  name: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  internal: boolean;
}

export interface WorkshopHostInfo {
  /** ws:// URLs peers use for signaling, one per chosen interface. */
  signalingUrls: string[];
  /** http:// URLs where browser participants open the app. */
  webUrls: string[];
  port: number;
}

/** Channel name → [argument, result]. Invoke-style only: no sync IPC, no raw events. */
export interface IpcContract {
  'app:version': [void, string];
  'shell:open-external': [string, Result<void>];
  'file:save': [SaveFileRequest, Result<{ path: string } | null>];
  'file:open': [FileFilter[], Result<OpenedFile | null>];
  'file:print-pdf': [{ defaultName: string }, Result<{ path: string } | null>];
  'workshop:interfaces': [void, NetworkInterfaceInfo[]];
  'workshop:start': [{ host: string; port: number }, Result<WorkshopHostInfo>];
  'workshop:stop': [void, Result<void>];
}

export type IpcChannel = keyof IpcContract;
export type IpcArg<C extends IpcChannel> = IpcContract[C][0];
export type IpcResult<C extends IpcChannel> = IpcContract[C][1];

/** Main → renderer pushes. */
export interface IpcEvents {
  'menu:command': MenuCommand;
  /** A lockstep:// link or a .lockstep file path handed to the app by the OS. */
  'app:open-url': string;
  'app:open-file': OpenedFile;
}
export type IpcEventName = keyof IpcEvents;

export const IPC_CHANNELS = [
  'app:version',
  'shell:open-external',
  'file:save',
  'file:open',
  'file:print-pdf',
  'workshop:interfaces',
  'workshop:start',
  'workshop:stop',
] as const satisfies readonly IpcChannel[];
