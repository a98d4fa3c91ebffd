import { err, ok } from '../../../shared/result';
import { isAllowedExternalUrl, openExternalIfAllowed } from '../security';
import type { IpcRouter } from './router';

export function registerShellIpc(router: IpcRouter): void {
  router.handle('shell:open-external', async (url) => {
    if (!isAllowedExternalUrl(url)) {
      return err('shell/not-allowed', 'Only https:// web pages and mailto: links can be opened from Lockstep.');
    }
    try {
      await openExternalIfAllowed(url);
      return ok(undefined);
    } catch {
      return err('shell/open-failed', 'Your computer could not open that link.');
    }
  });
}
