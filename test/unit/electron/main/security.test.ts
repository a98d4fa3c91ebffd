import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { electronModule, electronState, FakeSession, FakeWebContents, resetElectronMock } from '../mocks/electron';
import {
  ALLOWED_PERMISSIONS,
  CONTENT_SECURITY_POLICY,
  guardNewWebContents,
  hardenWebContents,
  installPermissionHandlers,
  isAllowedExternalUrl,
  registerAppSchemePrivileges,
  resolveAppFile,
  serveAppProtocol,
  serveAppRequest,
} from '../../../../electron/main/security';

function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('content security policy', () => {
  const directives = cspDirectives(CONTENT_SECURITY_POLICY);

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('denies by default and blocks plugins, framing and base-tag hijacks', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lockstep-renderer-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Lockstep</title>');
  writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'do not serve');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeEach(() => resetElectronMock());

  it('registers app:// as standard, secure and fetch-capable before ready', () => {
    registerAppSchemePrivileges();
    expect(electronState.privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
  });

  it('routes the handler through the session', () => {
    const session = new FakeSession();
    serveAppProtocol(root, session as never);
    expect(session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves files with their type and the CSP header', async () => {
    const response = await serveAppRequest(root, 'app://lockstep/assets/main.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root', async () => {
    const response = await serveAppRequest(root, 'app://lockstep/');
    expect(await response.text()).toContain('<title>Lockstep</title>');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://lockstep/../secret.txt',
    'app://lockstep/%2e%2e/secret.txt',
    'app://lockstep/assets/..%2f..%2fsecret.txt',
    'app://lockstep/..%5csecret.txt',
    'app://lockstep/%00index.html',
    'app://other-host/index.html',
    'file:///etc/passwd',
  ])('refuses %s', async (url) => {
    const response = await serveAppRequest(root, url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('never resolves a path outside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://lockstep/assets/main.js')).toBe(path.join(root, 'assets', 'main.js'));
    const attacks = ['%2e%2e/%2e%2e/etc/passwd', '..%2f..%2fetc%2fpasswd', '....//....//etc/passwd', '%252e%252e/x', '/%2f%2fetc/passwd', 'a/../../b'];
    for (const attack of attacks) {
      const resolved = resolveAppFile(root, `app://lockstep/${attack}`);
      // The URL parser may fold `..` away; either way the result must stay inside the folder.
      if (resolved !== null) expect(resolved.startsWith(root + path.sep), attack).toBe(true);
    }
  });
});

describe('navigation and new windows', () => {
  beforeEach(() => resetElectronMock());

  it('denies every navigation, including to other app pages and file://', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://lockstep/other.html', 'javascript:alert(1)']) {
      expect(contents.fire('will-navigate', url).defaultPrevented, url).toBe(true);
    }
  });

  it('opens an allowlisted navigation target in the OS browser instead', async () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    contents.fire('will-navigate', 'https://lockstep.example/help');
    contents.fire('will-navigate', 'http://insecure.example/');
    await Promise.resolve();
    expect(electronModule.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(electronModule.shell.openExternal).toHaveBeenCalledWith('https://lockstep.example/help');
  });

  it('denies window.open and hands only allowlisted links to shell.openExternal', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://lockstep/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(electronModule.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(electronModule.shell.openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it('blocks <webview> and redirects away from the app', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
  });

  it('hardens every web contents created later', () => {
    guardNewWebContents();
    const contents = new FakeWebContents();
    electronState.app.fire('web-contents-created', contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
  });
});

describe('external links', () => {
  it.each([
    ['https://example.com/page', true],
    ['mailto:team@example.com?subject=Launch', true],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['smb://server/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://bank.example@evil.example/', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('permissions', () => {
  beforeEach(() => resetElectronMock());

  const request = (permission: string, requestingUrl: string): boolean => {
    let granted: boolean | undefined;
    electronState.defaultSession.permissionRequestHandler?.({}, permission, (value: boolean) => {
      granted = value;
    }, { requestingUrl });
    if (granted === undefined) throw new Error('permission handler never answered');
    return granted;
  };

  it('denies media, geolocation, notifications and every other request', () => {
    installPermissionHandlers();
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'display-capture', 'clipboard-read', 'hid', 'serial', 'usb', 'unknown']) {
      expect(request(permission, 'app://lockstep/index.html'), permission).toBe(false);
    }
  });

  it('grants an allowlisted permission only to the app origin', () => {
    installPermissionHandlers();
    expect(request('clipboard-sanitized-write', 'app://lockstep/index.html')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(request('clipboard-sanitized-write', 'app://evil/index.html')).toBe(false);
  });

  it('answers permission checks the same way', () => {
    installPermissionHandlers();
    const check = electronState.defaultSession.permissionCheckHandler;
    expect(check?.(null, 'media', 'app://lockstep', {})).toBe(false);
    expect(check?.(null, 'clipboard-sanitized-write', 'app://lockstep', {})).toBe(true);
    expect(check?.(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(electronState.defaultSession.devicePermissionHandler?.({})).toBe(false);
  });

  it('keeps the allowlist small and media-free', () => {
    expect(ALLOWED_PERMISSIONS.has('media')).toBe(false);
    expect(ALLOWED_PERMISSIONS.size).toBeLessThanOrEqual(4);
  });
});
