import type {
  FileFilter,
  IpcEvents,
  MenuCommand,
  NetworkInterfaceInfo,
  OpenedFile,
  SaveFileRequest,
  WorkshopHostInfo,
} from './contract';
import type { Result } from '../result';

/**
 * `window.lockstep`: named methods only. The Electron preload and the browser host both
 * implement exactly this (checked with `satisfies`).
 */
export interface LockstepBridge {
  readonly kind: 'electron' | 'browser';
  appVersion(): Promise<string>;
  openExternal(url: string): Promise<Result<void>>;
  saveFile(request: SaveFileRequest): Promise<Result<{ path: string } | null>>;
  openFile(filters: FileFilter[]): Promise<Result<OpenedFile | null>>;
  printToPdf(defaultName: string): Promise<Result<{ path: string } | null>>;
  workshopInterfaces(): Promise<NetworkInterfaceInfo[]>;
  startWorkshop(host: string, port: number): Promise<Result<WorkshopHostInfo>>;
  stopWorkshop(): Promise<Result<void>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onOpenUrl(listener: (url: IpcEvents['app:open-url']) => void): () => void;
  onOpenFile(listener: (file: IpcEvents['app:open-file']) => void): () => void;
}
