import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { IpcArg, IpcChannel, IpcResult } from '../../../shared/ipc/contract';
import { isAppUrl } from '../app-origin';
import { ipcArgSchemas } from './schemas';

export type IpcHandler<C extends IpcChannel> = (
  arg: IpcArg<C>,
  event: IpcMainInvokeEvent,
) => IpcResult<C> | Promise<IpcResult<C>>;

export interface IpcRouter {
  /** Registers the one handler for `channel`; its argument is validated before the call. */
  handle<C extends IpcChannel>(channel: C, handler: IpcHandler<C>): void;
  /** Removes every handler this router registered. */
  dispose(): void;
}

export interface IpcRouterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** WebContents the app created itself; anything else is a foreign sender. */
  isAppContents: (contents: WebContents) => boolean;
  onRejected?: (channel: IpcChannel, reason: string) => void;
}

/** Why a sender is refused, or null when it is the app's own main frame on app://. */
export function senderRejection(event: IpcMainInvokeEvent, isAppContents: (contents: WebContents) => boolean): string | null {
  if (!isAppContents(event.sender)) return 'sender is not an app window';
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone';
  if (frame.parent !== null) return 'sender is a subframe';
  if (!isAppUrl(frame.url)) return 'sender frame is not on app://';
  return null;
}

/**
 * The only place ipcMain.handle is called. Foreign senders and malformed arguments are
 * refused by throwing, which rejects the renderer's invoke(): they are attacks or bugs,
 * not user errors, so they get no Result and no detail beyond the reason.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const registered = new Set<IpcChannel>();
  return {
    handle<C extends IpcChannel>(channel: C, handler: IpcHandler<C>): void {
      if (registered.has(channel)) throw new Error(`IPC channel ${channel} already has a handler`);
      registered.add(channel);
      const schema = ipcArgSchemas[channel];
      options.ipcMain.handle(channel, async (event, ...args: unknown[]) => {
        const rejection = senderRejection(event, options.isAppContents);
        if (rejection !== null) {
          options.onRejected?.(channel, rejection);
          throw new Error(`IPC ${channel} refused: ${rejection}`);
        }
        if (args.length > 1) {
          options.onRejected?.(channel, 'too many arguments');
          throw new Error(`IPC ${channel} refused: too many arguments`);
        }
        const parsed = schema.safeParse(args[0]);
        if (!parsed.success) {
          options.onRejected?.(channel, 'invalid argument');
          throw new Error(`IPC ${channel} refused: invalid argument`);
        }
        return handler(parsed.data as IpcArg<C>, event);
      });
    },
    dispose(): void {
      for (const channel of registered) options.ipcMain.removeHandler(channel);
      registered.clear();
    },
  };
}
