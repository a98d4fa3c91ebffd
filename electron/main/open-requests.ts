import type { IpcEvents } from '../../shared/ipc/contract';
import { DEEP_LINK_SCHEME, PLAN_FILE_EXTENSION } from './app-origin';

/** Something the OS asked the app to open: a lockstep:// link or a .lockstep file. */
export type OpenRequest = { kind: 'url'; url: string } | { kind: 'file'; path: string };

const MAX_DEEP_LINK_LENGTH = 8_192;

export function isDeepLink(value: string): boolean {
  return value.length <= MAX_DEEP_LINK_LENGTH && value.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`);
}

export function isPlanFilePath(value: string): boolean {
  return !value.startsWith('-') && value.toLowerCase().endsWith(PLAN_FILE_EXTENSION) && !isDeepLink(value);
}

/**
 * Picks deep links and plan files out of a command line (first launch or a second
 * instance on Windows/Linux). Flags and the executable/app path are ignored.
 */
export function openRequestsFromArgv(argv: readonly string[]): OpenRequest[] {
  return argv.slice(1).flatMap((arg) => openRequestFor(arg) ?? []);
}

/** One value from the OS (a macOS open-url/open-file event or an argv entry). */
export function openRequestFor(value: string): OpenRequest | null {
  if (isDeepLink(value)) return { kind: 'url', url: value };
  if (isPlanFilePath(value)) return { kind: 'file', path: value };
  return null;
}

export type OpenEvent =
  | { name: 'app:open-url'; payload: IpcEvents['app:open-url'] }
  | { name: 'app:open-file'; payload: IpcEvents['app:open-file'] };

/**
 * Holds open requests until the renderer has loaded, then delivers them in order.
 * Requests that arrive before the window exists (macOS open-url at launch) are not lost.
 */
export class OpenRequestQueue {
  private pending: OpenEvent[] = [];
  private deliver: ((event: OpenEvent) => void) | null = null;

  push(event: OpenEvent): void {
    if (this.deliver) this.deliver(event);
    else this.pending.push(event);
  }

  /** The renderer is ready: flush the backlog and deliver directly from now on. */
  attach(deliver: (event: OpenEvent) => void): void {
    this.deliver = deliver;
    const backlog = this.pending;
    this.pending = [];
    for (const event of backlog) deliver(event);
  }

  /** The renderer went away (reload, crash): queue again until it is back. */
  detach(): void {
    this.deliver = null;
  }

  get size(): number {
    return this.pending.length;
  }
}
