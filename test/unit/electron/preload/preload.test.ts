import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, electronState, resetElectronMock } from '../mocks/electron';
import type { LockstepBridge } from '../../../../shared/ipc/bridge';

const METHODS = [
  'appVersion',
  'openExternal',
  'saveFile',
  'openFile',
  'printToPdf',
  'workshopInterfaces',
  'startWorkshop',
  'stopWorkshop',
  'onMenuCommand',
  'onOpenUrl',
  'onOpenFile',
].sort();

async function loadPreload(): Promise<LockstepBridge> {
  vi.resetModules();
  await import('../../../../electron/preload/index');
  const bridge = electronState.exposed.get('lockstep');
  if (!bridge) throw new Error('preload exposed nothing under window.lockstep');
  return bridge as LockstepBridge;
}

describe('preload bridge', { timeout: 30_000 }, () => {
  beforeEach(() => resetElectronMock());

  it('exposes exactly one object, window.lockstep, of named functions', async () => {
    const bridge = await loadPreload();
    expect(electronModule.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electronState.exposed.keys()]).toEqual(['lockstep']);
    const entries = Object.entries(bridge).filter(([key]) => key !== 'kind');
    expect(entries.map(([key]) => key).sort()).toEqual(METHODS);
    for (const [key, value] of entries) expect(typeof value, key).toBe('function');
    expect(bridge.kind).toBe('electron');
  });

  it('never hands out ipcRenderer or a generic send/invoke', async () => {
    const bridge = (await loadPreload()) as unknown as Record<string, unknown>;
    for (const value of Object.values(bridge)) expect(value).not.toBe(electronState.ipcRenderer);
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'removeListener', 'postMessage']) {
      expect(bridge[forbidden], forbidden).toBeUndefined();
    }
  });

  it('maps each method to its contract channel', async () => {
    const bridge = await loadPreload();
    const invoke = electronState.ipcRenderer.invoke;
    await bridge.appVersion();
    await bridge.openExternal('https://example.com/');
    await bridge.printToPdf('plan.pdf');
    await bridge.startWorkshop('0.0.0.0', 4444);
    await bridge.stopWorkshop();
    expect(invoke.mock.calls).toEqual([
      ['app:version'],
      ['shell:open-external', 'https://example.com/'],
      ['file:print-pdf', { defaultName: 'plan.pdf' }],
      ['workshop:start', { host: '0.0.0.0', port: 4444 }],
      ['workshop:stop'],
    ]);
  });

  it('gives listeners the payload only, never the IPC event, and unsubscribes', async () => {
    const bridge = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = bridge.onMenuCommand(listener);
    electronState.ipcRenderer.push('menu:command', 'plan:new');
    expect(listener).toHaveBeenCalledWith('plan:new');
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    electronState.ipcRenderer.push('menu:command', 'plan:export');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps open requests that arrive before anyone listens', async () => {
    const bridge = await loadPreload();
    electronState.ipcRenderer.push('app:open-url', 'lockstep://join/early');
    const listener = vi.fn();
    bridge.onOpenUrl(listener);
    expect(listener).toHaveBeenCalledWith('lockstep://join/early');
    const second = vi.fn();
    bridge.onOpenUrl(second);
    expect(second).not.toHaveBeenCalled();
  });
});
