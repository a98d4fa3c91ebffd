/**
 * The one fake `electron` module for main-process and preload unit tests. Importing this
 * file registers the mock; tests import it before the module under test and call
 * resetElectronMock() in beforeEach. Only what the app uses is faked, and every fake
 * records its calls so tests assert on what the code asked Electron to do.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

vi.mock('electron', () => electronModule);

type Listener = (...args: unknown[]) => unknown;

/** An EventEmitter that also lets tests fire Electron-style events with a preventable event. */
export class FakeEmitter extends EventEmitter {
  /** Emits `name` with a fresh event object; returns whether a listener prevented it. */
  fire(name: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const event = { defaultPrevented: false, preventDefault(): void { this.defaultPrevented = true; } };
    this.emit(name, event, ...args);
    return event;
  }
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  protocol = { handle: vi.fn() };
  setPermissionRequestHandler = vi.fn((handler: Listener | null) => {
    this.permissionRequestHandler = handler;
  });
  setPermissionCheckHandler = vi.fn((handler: Listener | null) => {
    this.permissionCheckHandler = handler;
  });
  setDevicePermissionHandler = vi.fn((handler: Listener | null) => {
    this.devicePermissionHandler = handler;
  });
}

let nextContentsId = 1;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  send = vi.fn();
  printToPDF = vi.fn(async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]));
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  isDestroyed = (): boolean => this.destroyed;
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = vi.fn(() => FakeBrowserWindow.instances.filter((w) => !w.closed));
  static fromWebContents = vi.fn((contents: unknown) => FakeBrowserWindow.instances.find((w) => w.webContents === contents) ?? null);

  readonly webContents = new FakeWebContents();
  closed = false;
  minimized = false;
  loadURL = vi.fn(async (_url: string) => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  isMinimized = vi.fn(() => this.minimized);

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

class FakeApp extends FakeEmitter {
  hasLock = true;
  isPackaged = false;
  ready = false;
  private readyResolvers: (() => void)[] = [];
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  quit = vi.fn();
  getVersion = vi.fn(() => '0.1.0-test');
  getAppPath = vi.fn(() => '/fake/app');
  setAsDefaultProtocolClient = vi.fn(() => true);
  isReady = vi.fn(() => this.ready);
  whenReady = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        if (this.ready) resolve();
        else this.readyResolvers.push(resolve);
      }),
  );
  /** Test helper: resolves whenReady() like Electron's `ready`. */
  becomeReady(): void {
    this.ready = true;
    for (const resolve of this.readyResolvers.splice(0)) resolve();
  }
}

export interface FakeIpcMain {
  handlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  handle: ReturnType<typeof vi.fn>;
  removeHandler: ReturnType<typeof vi.fn>;
}

function createIpcMain(): FakeIpcMain {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
}

function createIpcRenderer() {
  const emitter = new EventEmitter();
  return {
    emitter,
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
    on: vi.fn((channel: string, listener: Listener) => {
      emitter.on(channel, listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      emitter.removeListener(channel, listener);
    }),
    /** Test helper: main pushes an event to the renderer. */
    push(channel: string, payload: unknown): void {
      emitter.emit(channel, { senderId: 0, ports: [] }, payload);
    },
  };
}

function createState() {
  const defaultSession = new FakeSession();
  return {
    app: new FakeApp(),
    defaultSession,
    ipcMain: createIpcMain(),
    ipcRenderer: createIpcRenderer(),
    exposed: new Map<string, unknown>(),
    menus: [] as { template: unknown[] }[],
    applicationMenu: null as { template: unknown[] } | null,
    privilegedSchemes: [] as unknown[],
  };
}

export let electronState = createState();

/** Fresh fakes for every test; the module object itself stays the same. */
export function resetElectronMock(): void {
  electronState = createState();
  FakeBrowserWindow.instances = [];
  electronModule.shell.openExternal.mockReset();
  electronModule.shell.openExternal.mockResolvedValue(undefined);
  electronModule.dialog.showSaveDialog.mockReset();
  electronModule.dialog.showOpenDialog.mockReset();
  electronModule.dialog.showMessageBox.mockClear();
  electronModule.protocol.registerSchemesAsPrivileged.mockClear();
}

/** The module `import ... from 'electron'` returns; getters follow resetElectronMock(). */
export const electronModule = {
  get app() {
    return electronState.app;
  },
  get ipcMain() {
    return electronState.ipcMain;
  },
  get ipcRenderer() {
    return electronState.ipcRenderer;
  },
  get session() {
    return { defaultSession: electronState.defaultSession };
  },
  BrowserWindow: FakeBrowserWindow,
  shell: { openExternal: vi.fn(async (_url: string) => {}) },
  dialog: {
    showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
    showOpenDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({ canceled: true, filePaths: [] })),
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
      electronState.privilegedSchemes.push(...schemes);
    }),
  },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown[]) => {
      const menu = { template };
      electronState.menus.push(menu);
      return menu;
    }),
    setApplicationMenu: vi.fn((menu: { template: unknown[] } | null) => {
      electronState.applicationMenu = menu;
    }),
  },
  contextBridge: {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      electronState.exposed.set(key, api);
    }),
  },
};
export default electronModule;
