import { app } from 'electron';
import type { IpcRouter } from './router';

export function registerAppIpc(router: IpcRouter): void {
  router.handle('app:version', () => app.getVersion());
}
