/**
 * Pure decisions behind `npm start` / `npm run web`, kept apart from process spawning so
 * they can be unit-tested.
 */
import path from 'node:path';

export interface StartOptions {
  /** Skip Electron and go straight to browser mode. */
  web: boolean;
  /** Fixed by default: IndexedDB is per origin, so a new port would show an empty library. */
  port: number;
  /** Open a Chromium window; off prints the URL only. */
  open: boolean;
}

export const DEFAULT_WEB_PORT = 47_800;

export type ParsedArgs = { ok: true; options: StartOptions } | { ok: false; message: string };

export function parseStartArgs(argv: readonly string[]): ParsedArgs {
  const options: StartOptions = { web: false, port: DEFAULT_WEB_PORT, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--web':
        options.web = true;
        break;
      case '--no-open':
        options.open = false;
        break;
      case '--port': {
        const value = inline ?? argv[++i];
        const port = Number(value);
        if (value === undefined || !/^\d+$/.test(value) || port < 1 || port > 65_535) {
          return { ok: false, message: `--port needs a number from 1 to 65535, got ${value ?? 'nothing'}.` };
        }
        options.port = port;
        break;
      }
      default:
        return { ok: false, message: `Unknown option ${arg}. Use --web, --port N or --no-open.` };
    }
  }
  return { ok: true, options };
}

/** Chromium-family browsers that support `--app=URL`, most specific first. */
export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  const fromEnv = [env.LOCKSTEP_BROWSER, env.CHROME_PATH].filter((p): p is string => typeof p === 'string' && p !== '');
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((r): r is string => !!r);
    const suffixes = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
    ];
    return [...fromEnv, ...suffixes.flatMap((parts) => roots.map((root) => path.win32.join(root, ...parts)))];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/usr/bin/brave-browser',
  ];
}

export function findChromium(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  isExecutable: (file: string) => boolean,
): string | null {
  return chromiumCandidates(platform, env).find((candidate) => isExecutable(candidate)) ?? null;
}

/** Linux without X11 or Wayland cannot show a window: print the URL instead. */
export function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function appModeArgs(url: string, profileDir: string): string[] {
  return [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--disable-sync'];
}

/**
 * Where Electron's binary would be once downloaded (`node_modules/electron/path.txt` names it,
 * under `dist/`), or null when it has never been fetched.
 */
export function installedElectronBinary(
  electronDir: string,
  readText: (file: string) => string | null,
  exists: (file: string) => boolean,
): string | null {
  const relative = readText(path.join(electronDir, 'path.txt'))?.trim();
  if (!relative) return null;
  const binary = path.join(electronDir, 'dist', relative);
  return exists(binary) ? binary : null;
}

/** The first meaningful line of a failed download's output, for the one-line notice. */
export function downloadFailureReason(output: string): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at '));
  const errorLine = lines.find((l) => /error|fail|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN/i.test(l)) ?? lines[0];
  return errorLine ? errorLine.slice(0, 120) : 'no details';
}

export function fallbackNotice(reason: string): string {
  return `Electron's binary could not be downloaded on this machine (${reason}) — starting Lockstep in browser mode instead.`;
}
