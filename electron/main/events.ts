import type { WebContents } from 'electron';
import type { IpcEventName, IpcEvents } from '../../shared/ipc/contract';

/** The one typed way main pushes an event to the renderer. */
export function sendEvent<E extends IpcEventName>(contents: WebContents, name: E, payload: IpcEvents[E]): void {
  if (contents.isDestroyed()) return;
  contents.send(name, payload);
}
