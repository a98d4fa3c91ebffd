import type { MenuCommand } from '../../shared/ipc/contract';

/**
 * Host menu commands are re-broadcast as a window event so that whichever screen is active
 * (e.g. the open plan for undo/redo) can react without the shell knowing about it.
 */
export const MENU_EVENT = 'lockstep:menu';

export function broadcastMenuCommand(command: MenuCommand): void {
  window.dispatchEvent(new CustomEvent<MenuCommand>(MENU_EVENT, { detail: command }));
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const handler = (event: Event): void => listener((event as CustomEvent<MenuCommand>).detail);
  window.addEventListener(MENU_EVENT, handler);
  return () => window.removeEventListener(MENU_EVENT, handler);
}
