import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBrowserWindow, resetElectronMock } from '../mocks/electron';
import { createMainWindow } from '../../../../electron/main/window';

describe('main window', () => {
  beforeEach(() => resetElectronMock());

  it('creates the window with isolation, sandbox and web security explicitly on', () => {
    createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs' });
    const window = FakeBrowserWindow.instances[0];
    expect(window).toBeDefined();
    const prefs = window?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    // Explicit, not inherited from Electron's defaults.
    expect(Object.keys(prefs)).toEqual(expect.arrayContaining(['sandbox', 'contextIsolation', 'nodeIntegration', 'webSecurity']));
  });

  it('loads the app from app://, never file://', () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const url = FakeBrowserWindow.instances[0]?.loadURL.mock.calls[0]?.[0];
    expect(url).toBe('app://lockstep/index.html');
  });

  it('shows the window once painted or when loading failed', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs' }) as unknown as FakeBrowserWindow;
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('never enables a dangerous preference and blocks middle-click windows', () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const prefs = FakeBrowserWindow.instances[0]?.options.webPreferences as Record<string, unknown>;
    for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'webviewTag', 'experimentalFeatures']) {
      expect(prefs[key], key).toBe(false);
    }
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });
});
