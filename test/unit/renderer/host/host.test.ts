import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LockstepBridge } from '../../../../shared/ipc/bridge';

function fakeBridge(): LockstepBridge {
  const unsubscribe = () => () => {};
  return {
    kind: 'electron',
    appVersion: vi.fn(async () => '9.9.9'),
    openExternal: vi.fn(async () => ({ ok: true as const, value: undefined })),
    saveFile: vi.fn(async () => ({ ok: true as const, value: null })),
    openFile: vi.fn(async () => ({ ok: true as const, value: null })),
    printToPdf: vi.fn(async () => ({ ok: true as const, value: null })),
    workshopInterfaces: vi.fn(async () => []),
    startWorkshop: vi.fn(async () => ({ ok: true as const, value: { port: 1, signalingUrls: [], webUrls: [] } })),
    stopWorkshop: vi.fn(async () => ({ ok: true as const, value: undefined })),
    onMenuCommand: vi.fn(unsubscribe),
    onOpenUrl: vi.fn(unsubscribe),
    onOpenFile: vi.fn(unsubscribe),
  };
}

async function freshGetHost() {
  vi.resetModules();
  return (await import('../../../../renderer/host/index')).getHost;
}

describe('getHost', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses window.lockstep when the Electron preload put it there', async () => {
    const bridge = fakeBridge();
    vi.stubGlobal('window', { lockstep: bridge });
    const host = (await freshGetHost())();
    expect(host.kind).toBe('electron');
    expect(await host.appVersion()).toBe('9.9.9');
    await host.printToPdf('plan.pdf');
    expect(bridge.printToPdf).toHaveBeenCalledWith('plan.pdf');
    host.onMenuCommand(() => {});
    expect(bridge.onMenuCommand).toHaveBeenCalled();
  });

  it('falls back to the browser host without a preload', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', { createElement: vi.fn(), body: { appendChild: vi.fn() } });
    const host = (await freshGetHost())();
    expect(host.kind).toBe('browser');
    expect(await host.startWorkshop('0.0.0.0', 1)).toMatchObject({ ok: false, error: { code: 'workshop/desktop-only' } });
  });

  it('returns the same host every time', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    const getHost = await freshGetHost();
    expect(getHost()).toBe(getHost());
  });
});
