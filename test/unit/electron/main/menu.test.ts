import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronState, resetElectronMock } from '../mocks/electron';
import { buildMenuTemplate, installApplicationMenu } from '../../../../electron/main/menu';
import type { MenuCommand } from '../../../../shared/ipc/contract';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const REQUIRED: MenuCommand[] = ['plan:new', 'plan:import', 'plan:export', 'edit:undo', 'edit:redo', 'app:settings', 'app:about'];

describe.each(['linux', 'win32', 'darwin'] as const)('application menu on %s', (platform) => {
  beforeEach(() => resetElectronMock());

  it('has every required command, each sending menu:command when clicked', () => {
    const send = vi.fn();
    const items = flatten(buildMenuTemplate({ send, platform, isPackaged: true }));
    for (const command of REQUIRED) {
      const item = items.find((i) => i.id === command);
      expect(item, command).toBeDefined();
      (item?.click as (() => void) | undefined)?.();
      expect(send).toHaveBeenLastCalledWith(command);
    }
  });

  it('offers zoom in, zoom out and reset', () => {
    const roles = flatten(buildMenuTemplate({ send: vi.fn(), platform, isPackaged: true })).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('hides developer tools in packaged builds only', () => {
    const packaged = flatten(buildMenuTemplate({ send: vi.fn(), platform, isPackaged: true })).map((i) => i.role);
    const dev = flatten(buildMenuTemplate({ send: vi.fn(), platform, isPackaged: false })).map((i) => i.role);
    expect(packaged).not.toContain('toggleDevTools');
    expect(dev).toContain('toggleDevTools');
  });

  it('gives plan commands keyboard accelerators', () => {
    const items = flatten(buildMenuTemplate({ send: vi.fn(), platform, isPackaged: true }));
    for (const command of ['plan:new', 'plan:import', 'plan:export', 'edit:undo', 'edit:redo'] as const) {
      expect(items.find((i) => i.id === command)?.accelerator, command).toBeTruthy();
    }
  });
});

describe('installApplicationMenu', () => {
  beforeEach(() => resetElectronMock());

  it('sets the built menu as the application menu', () => {
    const send = vi.fn();
    installApplicationMenu(send);
    expect(electronState.applicationMenu).toBe(electronState.menus[0]);
  });
});
