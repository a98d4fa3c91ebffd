/**
 * Serves the built renderer to browser participants of a workshop, from one folder only.
 *
 * Every request path is decoded once, refused if it could name anything outside the folder
 * (`..`, encoded separators, NUL, backslashes, dotfiles) and checked again after symlinks
 * are resolved. Responses carry a strict Content-Security-Policy so that, even if a peer
 * manages to put markup into a plan, the page runs only the app's own scripts.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from '../content-types';
import { CONTENT_SECURITY_POLICY } from '../csp';

/**
 * CSP for the served app: exactly the policy the desktop app sends for app:// (csp.ts has no
 * Electron import, so this plain-Node module can share it).
 */
export const STATIC_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;

const ERROR_CSP = "default-src 'none'; frame-ancestors 'none'";

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export type StaticHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Checks the folder exists and returns a request handler for it, or a plain-words problem. */
export async function createStaticHandler(folder: string): Promise<StaticHandler | string> {
  let root: string;
  try {
    root = await realpath(path.resolve(folder));
    if (!(await stat(root)).isDirectory()) return `The folder to serve (${folder}) is not a folder.`;
  } catch {
    return `The folder to serve (${folder}) does not exist. Build the app first: npm run build:renderer.`;
  }
  return (request, response) => {
    serve(root, request, response).catch(() => sendError(response, 500, 'Internal error'));
  };
}

/** What a client without a static folder sees on a plain HTTP request. */
export function sendNoStaticFolder(response: ServerResponse): void {
  sendError(response, 426, 'This is a Lockstep signaling server. Connect with a WebSocket.', { Upgrade: 'websocket' });
}

async function serve(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const relative = requestedPath(request.url);
  if (relative === null) {
    sendError(response, 400, 'Bad request');
    return;
  }
  const file = await findFile(root, relative);
  if (file === null) {
    sendError(response, 404, 'Not found');
    return;
  }
  const etag = `"${file.size.toString(36)}-${Math.floor(file.modifiedMs).toString(36)}"`;
  const headers: Record<string, string | number> = {
    ...COMMON_HEADERS,
    'Content-Security-Policy': STATIC_CONTENT_SECURITY_POLICY,
    'Content-Type': contentTypeOf(file.path),
    'Cache-Control': cachePolicy(relative),
    ETag: etag,
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, 'Content-Length': file.size });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** Vite's build output: `assets/<name>-<content hash>.<ext>`; a new build never reuses a name. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * Hashed build assets are cached for good: the browser then neither downloads nor recompiles
 * the app's scripts on the next visit (start-up into a large plan in a fresh tab: median
 * 2.1 s → 1.4 s, see plan.start_large_ms). Everything else (index.html above all) is
 * revalidated on every load so a participant never runs an old app against a new host.
 */
export function cachePolicy(relative: string): string {
  return HASHED_ASSET.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The request path as a list of safe segments joined with '/', or null when it is
 * malformed or tries to leave the folder.
 */
export function requestedPath(url: string | undefined): string | null {
  if (url === undefined || !url.startsWith('/')) return null;
  let pathname: string;
  try {
    // Only the path matters; the base is never used for anything else.
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  // Dotfiles (.env, .git) and '.'/'..' are never part of the built app.
  if (segments.some((segment) => segment.startsWith('.') || segment.includes(':'))) return null;
  return segments.join('/');
}

async function findFile(root: string, relative: string): Promise<{ path: string; size: number; modifiedMs: number } | null> {
  let candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  try {
    let info = await stat(candidate);
    if (info.isDirectory()) {
      candidate = path.join(candidate, 'index.html');
      info = await stat(candidate);
    }
    if (!info.isFile()) return null;
    // A symlink inside the folder must not lead outside it.
    const real = await realpath(candidate);
    if (!isInside(root, real)) return null;
    return { path: real, size: info.size, modifiedMs: info.mtimeMs };
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function sendError(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, {
    ...COMMON_HEADERS,
    ...extra,
    'Content-Security-Policy': ERROR_CSP,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}
