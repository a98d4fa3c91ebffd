import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import path from 'node:path';
import { DEEP_LINK_SCHEME } from './app-origin';
import { sendEvent } from './events';
import { readFileWithLimit } from './files';
import { registerAppIpc } from './ipc/app-ipc';
import { registerFileIpc } from './ipc/file-ipc';
import { createIpcRouter } from './ipc/router';
import { registerShellIpc } from './ipc/shell-ipc';
import { registerWorkshopIpc } from './ipc/workshop-ipc';
import { installApplicationMenu } from './menu';
import { OpenRequestQueue, openRequestFor, openRequestsFromArgv } from './open-requests';
import type { OpenRequest } from './open-requests';
import {
  guardNewWebContents,
  installPermissionHandlers,
  registerAppSchemePrivileges,
  serveAppProtocol,
} from './security';
import { createMainWindow } from './window';

/** Lifecycle only: every policy lives in the module it is named after. */
function main(): void {
  // Privileged schemes must be declared before `ready`, the lock before anything visible.
  registerAppSchemePrivileges();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const appRoot = app.getAppPath();
  const rendererDir = path.join(appRoot, 'dist', 'renderer');
  const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');
  const openQueue = new OpenRequestQueue();
  let mainWindow: BrowserWindow | null = null;

  // A double-clicked file that cannot be read never reaches the renderer, so main says why.
  const reportOpenFailure = (filePath: string, reason: string): void => {
    const options = { type: 'warning' as const, title: 'Lockstep', message: `Lockstep could not open ${path.basename(filePath)}.`, detail: reason };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  };

  const forward = (requests: OpenRequest[]): void => {
    for (const request of requests) {
      if (request.kind === 'url') {
        openQueue.push({ name: 'app:open-url', payload: request.url });
        continue;
      }
      void readFileWithLimit(request.path).then((file) => {
        if (file.ok) openQueue.push({ name: 'app:open-file', payload: file.value });
        else reportOpenFailure(request.path, file.error.message);
      });
    }
  };

  const forwardOne = (value: string): void => {
    const request = openRequestFor(value);
    if (request) forward([request]);
  };

  // Reviewed (Electronegativity PROTOCOL_HANDLER_JS_CHECK): lockstep:// links only ever
  // become an 'app:open-url' string for the renderer, which parses them with the invite
  // format's validator; nothing in main acts on their content.
  const registerDeepLinks = (): void => {
    // Unpackaged runs (`electron .`) must name the app folder or the OS relaunches bare Electron.
    const entry = process.argv[1];
    if (process.defaultApp && entry !== undefined) {
      app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(entry)]); // eng-disable PROTOCOL_HANDLER_JS_CHECK -- reviewed above
    } else {
      app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK -- reviewed above
    }
  };

  const showWindow = (): void => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };

  const openWindow = (): void => {
    const window = createMainWindow({ preloadPath });
    const contents = window.webContents;
    contents.on('did-start-loading', () => openQueue.detach());
    contents.on('did-finish-load', () => openQueue.attach((event) => sendEvent(contents, event.name, event.payload)));
    contents.on('render-process-gone', () => openQueue.detach());
    window.on('closed', () => {
      openQueue.detach();
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  guardNewWebContents();

  // macOS delivers links and double-clicked files as events, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    forwardOne(url);
    showWindow();
  });
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    forwardOne(filePath);
    showWindow();
  });
  // Windows and Linux start a second process with the link or file in argv; it quits at
  // once (no lock) and its argv arrives here.
  app.on('second-instance', (_event, argv) => {
    forward(openRequestsFromArgv(argv));
    showWindow();
  });
  forward(openRequestsFromArgv(process.argv));

  let stopWorkshop: () => Promise<void> = async () => {};

  void app.whenReady().then(() => {
    installPermissionHandlers();
    serveAppProtocol(rendererDir);
    registerDeepLinks();
    installApplicationMenu((command) => {
      if (mainWindow) sendEvent(mainWindow.webContents, 'menu:command', command);
    });

    const router = createIpcRouter({
      ipcMain,
      isAppContents: (contents) => mainWindow !== null && contents.id === mainWindow.webContents.id,
      onRejected: (channel, reason) => console.warn(`[lockstep] refused IPC ${channel}: ${reason}`),
    });
    registerAppIpc(router);
    registerShellIpc(router);
    registerFileIpc(router);
    stopWorkshop = registerWorkshopIpc(router, { rendererDir }).stop;

    openWindow();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void stopWorkshop();
  });
}

main();
