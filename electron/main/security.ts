import { app, protocol, session, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME, isAppUrl } from './app-origin';
import { contentTypeOf } from './content-types';
import { CONTENT_SECURITY_POLICY } from './csp';

export { CONTENT_SECURITY_POLICY };

/** Must run before `app.ready`: gives app:// a real, secure, standard origin. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * Maps an app:// URL to a file inside `rootDir`, or null when the URL is foreign or tries to
 * escape the folder (`..`, encoded separators, absolute paths).
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/** Response for one app:// request: the file with its MIME type and the CSP header. */
export async function serveAppRequest(rootDir: string, url: string): Promise<Response> {
  const securityHeaders = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const file = resolveAppFile(rootDir, url);
  if (file === null) return new Response('Not found', { status: 404, headers: securityHeaders });
  try {
    const body = await readFile(file);
    const type = contentTypeOf(file);
    return new Response(new Uint8Array(body), { status: 200, headers: { ...securityHeaders, 'Content-Type': type } });
  } catch {
    return new Response('Not found', { status: 404, headers: securityHeaders });
  }
}

/** Serves the built renderer on app://lockstep/. Call after `app.ready`. */
export function serveAppProtocol(rendererDir: string, target: Session = session.defaultSession): void {
  target.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
}

/** Links the app may hand to the OS: https pages and mail drafts, nothing else. */
export const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['https:', 'mailto:']);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return false;
  // Credentials in a link are a classic phishing disguise (https://bank.com@evil.example).
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:' && parsed.hostname === '') return false;
  return true;
}

/** Opens `url` in the OS handler when allowlisted. Returns whether it was opened. */
export async function openExternalIfAllowed(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  // Reviewed (Electronegativity OPEN_EXTERNAL_JS_CHECK): the only call site, behind the
  // https:/mailto: allowlist above, which security.test.ts exercises with hostile URLs.
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- allowlisted just above
  return true;
}

/**
 * Permissions the app's own pages may use; every other request, and every request from a
 * foreign origin, is denied.
 * - clipboard-sanitized-write: "copy invite link".
 * - local-network-access / local-network / loopback-network: Chromium's Local Network Access
 *   gate for reaching a workshop signaling server on the LAN or on 127.0.0.1.
 * WebRTC data channels need no media permission in Electron, so 'media' stays denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'local-network-access',
  'local-network',
  'loopback-network',
]);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

export function installPermissionHandlers(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    // The check handler gets an origin ('app://lockstep'), which isAppUrl accepts as well.
    return isPermissionAllowed(permission, requestingOrigin);
  });
  target.setDevicePermissionHandler(() => false);
}

/**
 * Locks down one WebContents: no navigation away from what was loaded, no new windows,
 * no <webview>. Allowlisted links go to the OS browser instead.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    void openExternalIfAllowed(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/** Applies hardenWebContents to every WebContents ever created (windows, devtools, popups). */
export function guardNewWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
}
