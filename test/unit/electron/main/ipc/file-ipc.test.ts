import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { electronModule, FakeBrowserWindow, resetElectronMock } from '../../mocks/electron';
import { registerFileIpc } from '../../../../../electron/main/ipc/file-ipc';
import { MAX_FILE_BYTES, readFileWithLimit } from '../../../../../electron/main/files';
import { routerFor } from './helpers';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file IPC', () => {
  beforeEach(() => resetElectronMock());

  function setup() {
    const window = new FakeBrowserWindow({});
    const env = routerFor(window.webContents);
    registerFileIpc(env.router);
    return { ...env, window };
  }

  it('saves through the native dialog, parented to the window', async () => {
    const { call, window } = setup();
    const target = path.join(dir, 'out.lockstep');
    electronModule.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const result = await call('file:save', { defaultName: 'plan.lockstep', filters: [{ name: 'Plan', extensions: ['lockstep'] }], content: new Uint8Array([1, 2, 3]) });
    expect(result).toEqual({ ok: true, value: { path: target } });
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(electronModule.dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: 'plan.lockstep' }));
  });

  it('returns null when the user cancels', async () => {
    const { call } = setup();
    electronModule.dialog.showSaveDialog.mockResolvedValue({ canceled: true });
    expect(await call('file:save', { defaultName: 'a.md', filters: [], content: 'x' })).toEqual({ ok: true, value: null });
    electronModule.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await call('file:open', [])).toEqual({ ok: true, value: null });
  });

  it('reports a write failure as a value', async () => {
    const { call } = setup();
    electronModule.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(dir, 'missing', 'folder', 'x.md') });
    const result = await call('file:save', { defaultName: 'x.md', filters: [], content: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'file/write-failed' } });
  });

  it('opens the chosen file', async () => {
    const { call } = setup();
    const source = path.join(dir, 'in.lockstep');
    writeFileSync(source, Buffer.from([9, 8, 7]));
    electronModule.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [source] });
    const result = await call('file:open', [{ name: 'Plan', extensions: ['lockstep'] }]);
    expect(result).toMatchObject({ ok: true, value: { name: 'in.lockstep' } });
    expect([...((result as { value: { bytes: Uint8Array } }).value.bytes)]).toEqual([9, 8, 7]);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const { call } = setup();
    const huge = path.join(dir, 'huge.lockstep');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_FILE_BYTES + 1); // sparse: no real disk use
    electronModule.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [huge] });
    expect(await call('file:open', [])).toMatchObject({ ok: false, error: { code: 'file/too-large' } });
  });

  it('refuses folders and missing files with a message', async () => {
    expect(await readFileWithLimit(dir)).toMatchObject({ ok: false, error: { code: 'file/not-a-file' } });
    expect(await readFileWithLimit(path.join(dir, 'nope'))).toMatchObject({ ok: false, error: { code: 'file/unreadable' } });
    const small = path.join(dir, 'small.bin');
    writeFileSync(small, 'abcdef');
    expect(await readFileWithLimit(small, 3)).toMatchObject({ ok: false, error: { code: 'file/too-large' } });
  });

  it('prints the sender page to PDF and writes it where the user chose', async () => {
    const { call, window } = setup();
    const target = path.join(dir, 'plan.pdf');
    electronModule.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const result = await call('file:print-pdf', { defaultName: 'plan.pdf' });
    expect(result).toEqual({ ok: true, value: { path: target } });
    expect(window.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ printBackground: true }));
    expect(readFileSync(target).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('turns a printing failure into a value', async () => {
    const { call, window } = setup();
    electronModule.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(dir, 'fail.pdf') });
    window.webContents.printToPDF.mockRejectedValueOnce(new Error('renderer gone'));
    expect(await call('file:print-pdf', { defaultName: 'fail.pdf' })).toMatchObject({ ok: false, error: { code: 'print/failed' } });
  });
});
