import type { LockstepBridge } from '../../shared/ipc/bridge';
import type { FileFilter, OpenedFile, SaveFileRequest } from '../../shared/ipc/contract';
import { err, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
// Vite inlines just this field; the desktop app reports the same value via app.getVersion().
import { version as APP_VERSION } from '../../package.json';

/** Same ceiling as the desktop app (electron/main/files.ts) so both hosts refuse alike. */
export const BROWSER_MAX_FILE_BYTES = 64 * 1024 * 1024;

const DESKTOP_ONLY = 'Hosting a workshop is only available in the Lockstep desktop app.';

/** What the browser host needs from the page; tests pass a fake document. */
export interface BrowserHostEnvironment {
  document: Document;
  print: () => void;
  open: (url: string, target: string, features: string) => unknown;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  version: string;
}

function defaultEnvironment(): BrowserHostEnvironment {
  return {
    document,
    print: () => window.print(),
    open: (url, target, features) => window.open(url, target, features),
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    version: APP_VERSION,
  };
}

export function acceptAttribute(filters: FileFilter[]): string {
  const extensions = filters.flatMap((f) => f.extensions).filter((e) => e !== '*');
  return [...new Set(extensions)].map((e) => `.${e}`).join(',');
}

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') return false;
    return (parsed.protocol === 'https:' && parsed.hostname !== '') || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}

function download(env: BrowserHostEnvironment, request: SaveFileRequest): Result<{ path: string }> {
  const size = typeof request.content === 'string' ? new TextEncoder().encode(request.content).byteLength : request.content.byteLength;
  if (size > BROWSER_MAX_FILE_BYTES) return err('file/too-large', 'The export is larger than the 64 MiB limit.');
  // Copy into a fresh ArrayBuffer: Blob wants ArrayBuffer-backed parts, not SharedArrayBuffer views.
  const part = typeof request.content === 'string' ? request.content : new Uint8Array(request.content);
  const url = env.createObjectURL(new Blob([part]));
  const link = env.document.createElement('a');
  link.href = url;
  link.download = request.defaultName;
  link.rel = 'noopener';
  link.style.display = 'none';
  env.document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => env.revokeObjectURL(url), 60_000);
  // Browsers do not reveal where a download lands: the name is all we can report.
  return ok({ path: request.defaultName });
}

function pickFile(env: BrowserHostEnvironment, filters: FileFilter[]): Promise<Result<OpenedFile | null>> {
  return new Promise((resolve) => {
    const input = env.document.createElement('input');
    input.type = 'file';
    input.accept = acceptAttribute(filters);
    input.style.display = 'none';
    let settled = false;
    const finish = (result: Result<OpenedFile | null>): void => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(result);
    };
    input.addEventListener('cancel', () => finish(ok(null)));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) {
        finish(ok(null));
        return;
      }
      if (file.size > BROWSER_MAX_FILE_BYTES) {
        finish(err('file/too-large', `${file.name} is larger than the 64 MiB limit.`));
        return;
      }
      file.arrayBuffer().then(
        (buffer) => finish(ok({ name: file.name, bytes: new Uint8Array(buffer) })),
        () => finish(err('file/unreadable', `The browser could not read ${file.name}.`)),
      );
    });
    env.document.body.appendChild(input);
    input.click();
  });
}

/** The host used when the renderer runs in a plain browser (tests, `npm run web`, workshop guests). */
export function createBrowserHost(environment: BrowserHostEnvironment = defaultEnvironment()): LockstepBridge {
  const env = environment;
  return {
    kind: 'browser',
    appVersion: () => Promise.resolve(env.version),
    openExternal: (url) => {
      if (!isAllowedExternalUrl(url)) {
        return Promise.resolve(err('shell/not-allowed', 'Only https:// web pages and mailto: links can be opened from Lockstep.'));
      }
      env.open(url, '_blank', 'noopener,noreferrer');
      return Promise.resolve(ok(undefined));
    },
    saveFile: (request) => Promise.resolve(download(env, request)),
    openFile: (filters) => pickFile(env, filters),
    printToPdf: () => {
      // The print dialog offers "Save as PDF"; it does not tell us where the file went.
      env.print();
      return Promise.resolve(ok(null));
    },
    workshopInterfaces: () => Promise.resolve([]),
    startWorkshop: () => Promise.resolve(err('workshop/desktop-only', DESKTOP_ONLY)),
    stopWorkshop: () => Promise.resolve(err('workshop/desktop-only', DESKTOP_ONLY)),
    // Menu shortcuts are the UI's own keyboard handling in a browser; there is no menu.
    onMenuCommand: () => () => {},
    // Browsers deliver invite links through the page URL itself, and files only via openFile.
    onOpenUrl: () => () => {},
    onOpenFile: () => () => {},
  };
}
