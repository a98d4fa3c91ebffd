import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appModeArgs,
  chromiumCandidates,
  DEFAULT_WEB_PORT,
  downloadFailureReason,
  fallbackNotice,
  findChromium,
  hasDisplay,
  installedElectronBinary,
  parseStartArgs,
} from '../../../scripts/start-lib';

describe('parseStartArgs', () => {
  it('defaults to Electron on the fixed port with a window', () => {
    expect(parseStartArgs([])).toEqual({ ok: true, options: { web: false, port: DEFAULT_WEB_PORT, open: true } });
  });

  it('reads --web, --no-open and both --port spellings', () => {
    expect(parseStartArgs(['--web', '--port', '5000', '--no-open'])).toEqual({ ok: true, options: { web: true, port: 5000, open: false } });
    expect(parseStartArgs(['--port=6001'])).toMatchObject({ ok: true, options: { port: 6001 } });
  });

  it.each([[['--port']], [['--port', 'abc']], [['--port', '0']], [['--port', '70000']], [['--port', '1e3']], [['--wat']]])('refuses %j with a message', (argv) => {
    const parsed = parseStartArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(/port|Unknown option/);
  });
});

describe('browser detection', () => {
  it('prefers an explicit LOCKSTEP_BROWSER, then the usual Linux paths', () => {
    const candidates = chromiumCandidates('linux', { LOCKSTEP_BROWSER: '/opt/my/chrome' });
    expect(candidates[0]).toBe('/opt/my/chrome');
    expect(candidates).toContain('/usr/bin/chromium');
    expect(candidates).toContain('/usr/bin/google-chrome');
  });

  it('finds the first existing candidate or none', () => {
    expect(findChromium('linux', {}, (p) => p === '/usr/bin/google-chrome' || p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
    expect(findChromium('linux', {}, () => false)).toBeNull();
  });

  it('knows where Chrome lives on macOS and Windows', () => {
    expect(findChromium('darwin', {}, (p) => p.includes('Google Chrome.app'))).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const win = findChromium('win32', { PROGRAMFILES: 'C:\\Program Files' }, (p) => p.endsWith('chrome.exe'));
    expect(win).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });

  it('opens the app in its own window and profile', () => {
    expect(appModeArgs('http://127.0.0.1:47800/', '/home/a/.lockstep/browser-profile')).toEqual(
      expect.arrayContaining(['--app=http://127.0.0.1:47800/', '--user-data-dir=/home/a/.lockstep/browser-profile', '--no-first-run']),
    );
  });
});

describe('Electron binary lookup', () => {
  const dir = '/proj/node_modules/electron';

  it('is null before the first download', () => {
    expect(installedElectronBinary(dir, () => null, () => true)).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', () => {
    expect(installedElectronBinary(dir, () => 'electron', () => false)).toBeNull();
  });

  it('is the binary under dist/ when present', () => {
    const expected = path.join(dir, 'dist', 'electron');
    expect(installedElectronBinary(dir, () => 'electron\n', (p) => p === expected)).toBe(expected);
  });
});

describe('fallback notice', () => {
  it('names the reason from the download output without stack frames', () => {
    const output = 'TypeError: fetch failed\n    at node:internal/deps/undici:1:1\n    at async FetchDownloader.download (x.js:46:30)';
    expect(downloadFailureReason(output)).toBe('TypeError: fetch failed');
    expect(downloadFailureReason('')).toBe('no details');
  });

  it('is one line that says what happens instead', () => {
    const notice = fallbackNotice('TypeError: fetch failed');
    expect(notice).not.toContain('\n');
    expect(notice).toMatch(/Electron's binary could not be downloaded.*browser mode instead\.$/);
  });
});
