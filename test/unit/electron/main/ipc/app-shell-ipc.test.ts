import { beforeEach, describe, expect, it } from 'vitest';
import { electronModule, resetElectronMock } from '../../mocks/electron';
import { registerAppIpc } from '../../../../../electron/main/ipc/app-ipc';
import { registerShellIpc } from '../../../../../electron/main/ipc/shell-ipc';
import { routerFor } from './helpers';

describe('app and shell IPC', () => {
  beforeEach(() => resetElectronMock());

  it('answers the app version', async () => {
    const { router, call } = routerFor();
    registerAppIpc(router);
    expect(await call('app:version')).toBe('0.1.0-test');
  });

  it('opens allowlisted links and refuses the rest as a value', async () => {
    const { router, call } = routerFor();
    registerShellIpc(router);
    expect(await call('shell:open-external', 'https://example.com/')).toEqual({ ok: true, value: undefined });
    expect(await call('shell:open-external', 'file:///etc/passwd')).toMatchObject({ ok: false, error: { code: 'shell/not-allowed' } });
    expect(await call('shell:open-external', 'http://example.com/')).toMatchObject({ ok: false, error: { code: 'shell/not-allowed' } });
    expect(electronModule.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('reports an OS failure to open as a value', async () => {
    const { router, call } = routerFor();
    registerShellIpc(router);
    electronModule.shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    expect(await call('shell:open-external', 'mailto:a@example.com')).toMatchObject({ ok: false, error: { code: 'shell/open-failed' } });
  });
});
