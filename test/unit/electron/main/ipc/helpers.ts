import { electronState, FakeWebContents } from '../../mocks/electron';
import { invokeEvent } from '../../mocks/ipc-event';
import { createIpcRouter } from '../../../../../electron/main/ipc/router';
import type { IpcRouter } from '../../../../../electron/main/ipc/router';

/** A router whose only trusted sender is `contents`, plus a way to invoke as that sender. */
export function routerFor(contents = new FakeWebContents()): {
  router: IpcRouter;
  contents: FakeWebContents;
  call: (channel: string, ...args: unknown[]) => Promise<unknown>;
} {
  const router = createIpcRouter({ ipcMain: electronState.ipcMain as never, isAppContents: (c) => c === (contents as unknown) });
  const call = (channel: string, ...args: unknown[]): Promise<unknown> => {
    const handler = electronState.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve().then(() => handler(invokeEvent({ sender: contents }), ...args));
  };
  return { router, contents, call };
}
