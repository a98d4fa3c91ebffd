/**
 * `npm start`: the Electron app, or — when Electron's binary cannot be obtained — the same
 * renderer in browser mode. `npm run web` (`--web`) goes to browser mode directly.
 *
 * Browser mode reuses the LAN signaling server (electron/main/signaling) bound to 127.0.0.1
 * with the built renderer as its static folder: one process serves the app and offers
 * local signaling on the same origin, and the static files get the same CSP and path
 * checks that workshop guests get.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSignalingServer } from '../electron/main/signaling/server';
import { SignalingStartError } from '../electron/main/signaling/start-error';
import {
  appModeArgs,
  downloadFailureReason,
  fallbackNotice,
  findChromium,
  hasDisplay,
  installedElectronBinary,
  parseStartArgs,
} from './start-lib';
import type { StartOptions } from './start-lib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A real download is ~110 MB; a blocked one fails in well under a second here. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command to completion with a time limit; resolves with its exit code and output. */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += '\ndownload timed out';
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: `${output}\n${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

type ElectronLookup = { ok: true; binary: string } | { ok: false; reason: string };

/** Finds Electron's binary, downloading it first if needed (Electron ≥ 42 has no postinstall). */
async function obtainElectron(): Promise<ElectronLookup> {
  let electronDir: string;
  try {
    electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const existing = installedElectronBinary(electronDir, readText, existsSync);
  if (existing) return { ok: true, binary: existing };
  // install.js is what `require('electron')` runs on first use; running it ourselves lets us
  // bound its time and keep its stack trace off the screen.
  const result = await run(process.execPath, [path.join(electronDir, 'install.js')], DOWNLOAD_TIMEOUT_MS);
  const downloaded = installedElectronBinary(electronDir, readText, existsSync);
  if (result.code === 0 && downloaded) return { ok: true, binary: downloaded };
  return { ok: false, reason: downloadFailureReason(result.output) };
}

function forwardSignals(child: ChildProcess): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
}

async function runElectron(binary: string): Promise<'exited' | 'failed-to-start'> {
  return new Promise((resolve) => {
    const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
    child.once('error', () => resolve('failed-to-start'));
    child.once('spawn', () => {
      forwardSignals(child);
      child.once('exit', (code) => {
        process.exitCode = code ?? 1;
        resolve('exited');
      });
    });
  });
}

function browserProfileDir(): string {
  const dir = path.join(os.homedir(), '.lockstep', 'browser-profile');
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function runBrowserMode(options: StartOptions): Promise<void> {
  const rendererDir = path.join(root, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error('The app is not built yet: run `npm run build:renderer` first (npm start and npm run web do this for you).');
    process.exitCode = 1;
    return;
  }

  let server: Awaited<ReturnType<typeof startSignalingServer>>;
  try {
    server = await startSignalingServer({ host: '127.0.0.1', port: options.port, staticDir: rendererDir });
  } catch (cause) {
    const message = cause instanceof SignalingStartError ? cause.message : String(cause);
    console.error(`Lockstep could not start its local server: ${message}`);
    if (cause instanceof SignalingStartError && cause.code === 'signal/port-in-use') {
      console.error(`Lockstep may already be running at http://127.0.0.1:${options.port}/ — or pick another port with --port N.`);
    }
    process.exitCode = 1;
    return;
  }

  const url = `http://${server.host}:${server.port}/`;
  let browser: ChildProcess | null = null;
  const chromium = options.open && hasDisplay(process.platform, process.env)
    ? findChromium(process.platform, process.env, isExecutable)
    : null;

  if (chromium) {
    const args = appModeArgs(url, browserProfileDir());
    // Chromium refuses to start as root with its sandbox on; containers often run as root.
    if (process.getuid?.() === 0) args.push('--no-sandbox', '--test-type');
    browser = spawn(chromium, args, { stdio: 'ignore' });
    browser.on('error', () => {
      console.log(`Could not open ${chromium}; open ${url} in Chrome or Chromium yourself.`);
    });
    console.log(`Lockstep is running at ${url} in ${path.basename(chromium)} (app mode). Press Ctrl-C to stop.`);
  } else {
    const why = !options.open ? '' : !hasDisplay(process.platform, process.env) ? ' (no display found)' : ' (no Chrome or Chromium found)';
    console.log(`Lockstep is running at ${url}${why} — open it in Chrome or Chromium. Press Ctrl-C to stop.`);
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    if (browser && browser.exitCode === null && browser.pid !== undefined) browser.kill('SIGTERM');
    void server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const parsed = parseStartArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exitCode = 2;
    return;
  }
  const { options } = parsed;
  if (!options.web) {
    const electron = await obtainElectron();
    if (electron.ok && !hasDisplay(process.platform, process.env)) {
      console.log('Electron is installed but there is no display to show a window — starting Lockstep in browser mode instead.');
    } else if (electron.ok) {
      if ((await runElectron(electron.binary)) === 'exited') return;
      console.log(`Electron at ${electron.binary} could not be started — starting Lockstep in browser mode instead.`);
    } else {
      console.log(fallbackNotice(electron.reason));
    }
  }
  await runBrowserMode(options);
}

void main();
