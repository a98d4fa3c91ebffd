import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronState, FakeWebContents, resetElectronMock } from '../../mocks/electron';
import { invokeEvent } from '../../mocks/ipc-event';
import { createIpcRouter } from '../../../../../electron/main/ipc/router';
import { ipcArgSchemas } from '../../../../../electron/main/ipc/schemas';
import { IPC_CHANNELS } from '../../../../../shared/ipc/contract';

describe('IPC router', () => {
  let appContents: FakeWebContents;
  let rejected: string[];

  beforeEach(() => {
    resetElectronMock();
    appContents = new FakeWebContents();
    rejected = [];
  });

  function router() {
    return createIpcRouter({
      ipcMain: electronState.ipcMain as never,
      isAppContents: (contents) => contents === (appContents as unknown),
      onRejected: (channel, reason) => rejected.push(`${channel}: ${reason}`),
    });
  }

  function call(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = electronState.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve().then(() => handler(event, ...args));
  }

  it('calls the handler for the app main frame on app://', async () => {
    router().handle('shell:open-external', async (url) => ({ ok: true, value: undefined, url }) as never);
    await expect(call('shell:open-external', invokeEvent({ sender: appContents }), 'https://x.example/')).resolves.toMatchObject({ url: 'https://x.example/' });
    expect(rejected).toEqual([]);
  });

  it.each([
    ['a web contents the app did not create', () => invokeEvent({ sender: new FakeWebContents() })],
    ['a subframe of the app window', () => invokeEvent({ sender: appContents, subframe: true })],
    ['a frame that navigated to the web', () => invokeEvent({ sender: appContents, url: 'https://evil.example/' })],
    ['a file:// frame', () => invokeEvent({ sender: appContents, url: 'file:///tmp/x.html' })],
    ['a lookalike app host', () => invokeEvent({ sender: appContents, url: 'app://lockstep.evil/index.html' })],
    ['a destroyed frame', () => invokeEvent({ sender: appContents, noFrame: true })],
  ])('rejects %s without calling the handler', async (_name, makeEvent) => {
    const handler = vi.fn(() => 'v');
    router().handle('app:version', handler);
    await expect(call('app:version', makeEvent())).rejects.toThrow(/refused/);
    expect(handler).not.toHaveBeenCalled();
    expect(rejected).toHaveLength(1);
  });

  it.each([
    ['shell:open-external', [42]],
    ['shell:open-external', [{ url: 'https://x' }]],
    ['shell:open-external', ['x'.repeat(10_000)]],
    ['file:save', [{ defaultName: '../../etc/passwd', filters: [], content: 'x' }]],
    ['file:save', [{ defaultName: 'plan.lockstep', filters: [], content: 42 }]],
    ['file:open', [[{ name: 'x', extensions: ['../x'] }]]],
    ['file:print-pdf', [{}]],
    ['workshop:start', [{ host: '0.0.0.0', port: 70_000 }]],
    ['workshop:start', [{ host: '0.0.0.0', port: 1.5 }]],
    ['app:version', ['unexpected']],
    ['app:version', [undefined, 'extra']],
  ] as const)('rejects bad arguments to %s: %j', async (channel, args) => {
    const handler = vi.fn();
    router().handle(channel, handler as never);
    await expect(call(channel, invokeEvent({ sender: appContents }), ...args)).rejects.toThrow(/refused/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes validated arguments through', async () => {
    const handler = vi.fn(() => ({ ok: true as const, value: null }));
    router().handle('file:save', handler);
    const request = { defaultName: 'plan.lockstep', filters: [{ name: 'Plan', extensions: ['lockstep'] }], content: new Uint8Array([1, 2]) };
    await call('file:save', invokeEvent({ sender: appContents }), request);
    expect(handler).toHaveBeenCalledWith(request, expect.anything());
  });

  it('refuses a second handler for one channel and removes all on dispose', () => {
    const r = router();
    r.handle('app:version', () => 'v');
    expect(() => r.handle('app:version', () => 'v')).toThrow(/already/);
    r.dispose();
    expect(electronState.ipcMain.handlers.size).toBe(0);
  });

  it('has an argument schema for every channel of the contract', () => {
    expect(Object.keys(ipcArgSchemas).sort()).toEqual([...IPC_CHANNELS].sort());
  });
});
