import { app, Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';

export type SendMenuCommand = (command: MenuCommand) => void;

interface MenuTemplateOptions {
  send: SendMenuCommand;
  platform?: NodeJS.Platform;
  /** Developer tools and reload only in unpackaged builds. */
  isPackaged?: boolean;
}

function command(label: string, cmd: MenuCommand, send: SendMenuCommand, accelerator?: string): MenuItemConstructorOptions {
  return { id: cmd, label, ...(accelerator ? { accelerator } : {}), click: () => send(cmd) };
}

/**
 * The application menu. Plan commands are not handled here: each item sends a
 * `menu:command` to the renderer, which owns documents, undo history and dialogs.
 * Undo/redo go to the renderer too, because Yjs' UndoManager (local origin only) is the
 * undo history, not the text field's.
 */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { send } = options;
  const isMac = (options.platform ?? process.platform) === 'darwin';
  const isPackaged = options.isPackaged ?? app.isPackaged;
  const about = command('About Lockstep', 'app:about', send);
  const settings = command(isMac ? 'Settings…' : 'Settings', 'app:settings', send, 'CmdOrCtrl+,');

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Lockstep',
      submenu: [about, { type: 'separator' }, settings, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        command('New Plan', 'plan:new', send, 'CmdOrCtrl+N'),
        command('Import Plan…', 'plan:import', send, 'CmdOrCtrl+O'),
        command('Export Plan…', 'plan:export', send, 'CmdOrCtrl+Shift+E'),
        { type: 'separator' },
        command('Capture Insight…', 'insight:capture', send, 'CmdOrCtrl+Shift+K'),
        ...(isMac ? [] : [{ type: 'separator' } as const, settings, { type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        command('Undo', 'edit:undo', send, 'CmdOrCtrl+Z'),
        command('Redo', 'edit:redo', send, isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [] : [about] },
  );
  return template;
}

export function installApplicationMenu(send: SendMenuCommand): Menu {
  const menu = Menu.buildFromTemplate(buildMenuTemplate({ send }));
  Menu.setApplicationMenu(menu);
  return menu;
}
