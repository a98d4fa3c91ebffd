import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, electronState, FakeBrowserWindow, FakeWebContents, resetElectronMock } from '../mocks/electron';
import { invokeEvent } from '../mocks/ipc-event';
import { IPC_CHANNELS } from '../../../../shared/ipc/contract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-lifecycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Loads electron/main/index.ts afresh, as a new process would. */
async function launch(options: { hasLock?: boolean } = {}): Promise<void> {
  electronState.app.hasLock = options.hasLock ?? true;
  vi.resetModules();
  await import('../../../../electron/main/index');
}

async function launchReady(): Promise<FakeBrowserWindow> {
  await launch();
  electronState.app.becomeReady();
  await flush();
  const window = FakeBrowserWindow.instances[0];
  if (!window) throw new Error('no window was created');
  return window;
}

// Each test re-imports the whole main process (signaling server and ws included).
describe('main process lifecycle', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetElectronMock();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('a second instance quits at once without opening anything', async () => {
    await launch({ hasLock: false });
    expect(electronState.app.quit).toHaveBeenCalledTimes(1);
    electronState.app.becomeReady();
    await flush();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electronState.ipcMain.handlers.size).toBe(0);
  });

  it('the first instance registers app://, the lockstep:// scheme, permissions, menu, IPC and one window', async () => {
    const window = await launchReady();
    expect(electronState.app.quit).not.toHaveBeenCalled();
    expect(electronState.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(electronState.defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electronState.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electronState.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(electronState.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('lockstep', ...(process.defaultApp ? [expect.any(String), expect.any(Array)] : []));
    expect(electronState.applicationMenu).not.toBeNull();
    expect([...electronState.ipcMain.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    expect(window.options.webPreferences).toMatchObject({ preload: path.join('/fake/app', 'dist', 'electron', 'preload.cjs'), sandbox: true });
  });

  it('hardens web contents created after launch', async () => {
    await launchReady();
    const contents = new FakeWebContents();
    electronState.app.fire('web-contents-created', contents);
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
  });

  it('answers IPC from its own window and refuses other web contents', async () => {
    const window = await launchReady();
    const version = electronState.ipcMain.handlers.get('app:version');
    await expect(Promise.resolve(version?.(invokeEvent({ sender: window.webContents })))).resolves.toBe('0.1.0-test');
    await expect(Promise.resolve().then(() => version?.(invokeEvent({ sender: new FakeWebContents() })))).rejects.toThrow(/refused/);
  });

  it('forwards a deep link from a second instance once the renderer has loaded, and focuses the window', async () => {
    const window = await launchReady();
    window.minimized = true;
    electronState.app.fire('second-instance', ['/opt/Lockstep/lockstep', '--some-flag', 'lockstep://join/abc#secret'], '/home', {});
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).not.toHaveBeenCalled();
    window.webContents.emit('did-finish-load');
    expect(window.webContents.send).toHaveBeenCalledWith('app:open-url', 'lockstep://join/abc#secret');
  });

  it('sends later links straight away, and queues again during a reload', async () => {
    const window = await launchReady();
    window.webContents.emit('did-finish-load');
    electronState.app.fire('second-instance', ['exe', 'lockstep://one'], '/', {});
    expect(window.webContents.send).toHaveBeenLastCalledWith('app:open-url', 'lockstep://one');
    window.webContents.emit('did-start-loading');
    electronState.app.fire('second-instance', ['exe', 'lockstep://two'], '/', {});
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
    window.webContents.emit('did-finish-load');
    expect(window.webContents.send).toHaveBeenLastCalledWith('app:open-url', 'lockstep://two');
  });

  it('keeps a macOS open-url that arrives before the window exists', async () => {
    await launch();
    const event = electronState.app.fire('open-url', 'lockstep://join/early');
    expect(event.defaultPrevented).toBe(true);
    electronState.app.becomeReady();
    await flush();
    const window = FakeBrowserWindow.instances[0];
    window?.webContents.emit('did-finish-load');
    expect(window?.webContents.send).toHaveBeenCalledWith('app:open-url', 'lockstep://join/early');
  });

  it('reads a double-clicked .lockstep file and forwards its bytes', async () => {
    const file = path.join(dir, 'Launch.lockstep');
    writeFileSync(file, Buffer.from([1, 2, 3, 4]));
    const window = await launchReady();
    window.webContents.emit('did-finish-load');
    electronState.app.fire('second-instance', ['exe', file], '/', {});
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalled());
    const [name, payload] = window.webContents.send.mock.calls[0] ?? [];
    expect(name).toBe('app:open-file');
    expect(payload).toMatchObject({ name: 'Launch.lockstep' });
    expect([...(payload as { bytes: Uint8Array }).bytes]).toEqual([1, 2, 3, 4]);
  });

  it('explains a double-clicked file it cannot open instead of dropping it silently', async () => {
    const window = await launchReady();
    window.webContents.emit('did-finish-load');
    electronState.app.fire('second-instance', ['exe', path.join(dir, 'missing.lockstep')], '/', {});
    await vi.waitFor(() => expect(electronModule.dialog.showMessageBox).toHaveBeenCalled());
    expect(electronModule.dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ message: 'Lockstep could not open missing.lockstep.' }));
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('menu clicks reach the renderer as menu:command', async () => {
    const window = await launchReady();
    const template = electronState.applicationMenu?.template as { submenu?: { id?: string; click?: () => void }[] }[];
    const item = template.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'plan:new');
    item?.click?.();
    expect(window.webContents.send).toHaveBeenCalledWith('menu:command', 'plan:new');
  });

  it('quits when the last window closes except on macOS', async () => {
    await launchReady();
    electronState.app.fire('window-all-closed');
    expect(electronState.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});
