import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requestedPath, STATIC_CONTENT_SECURITY_POLICY } from '../../../../../electron/main/signaling/static-files';
import { startSignalingServer } from '../../../../../electron/main/signaling/server';
import { TestClient, closeEverything, isPublish, startTestServer } from './helpers';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-APP';
let base: string;
let app: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'lockstep-static-'));
  app = path.join(base, 'app');
  await mkdir(path.join(app, 'assets'), { recursive: true });
  await writeFile(path.join(app, 'index.html'), '<!doctype html><title>Lockstep</title>');
  await writeFile(path.join(app, 'assets', 'main.js'), 'console.log(1)');
  await writeFile(path.join(app, 'assets', 'index-CcjIRsVF.js'), 'console.log(2)');
  await writeFile(path.join(app, '.env'), SECRET);
  await writeFile(path.join(base, 'secret.txt'), SECRET);
  await symlink(path.join(base, 'secret.txt'), path.join(app, 'assets', 'linked.txt'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});
afterEach(closeEverything);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends the path exactly as given (no client-side normalisation). */
function get(port: number, rawPath: string, method = 'GET', headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static serving', () => {
  it('serves index.html for / with a strict CSP and safe headers', async () => {
    const { server } = await startTestServer({ staticDir: app });
    const reply = await get(server.port, '/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Lockstep</title>');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(STATIC_CONTENT_SECURITY_POLICY);
    expect(STATIC_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(STATIC_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content type, and HEAD without a body', async () => {
    const { server } = await startTestServer({ staticDir: app });
    const reply = await get(server.port, '/assets/main.js?v=1');
    expect(reply).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const head = await get(server.port, '/assets/main.js', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('14');
  });

  it('caches hashed build assets for good and makes index.html revalidate', async () => {
    const { server } = await startTestServer({ staticDir: app });
    const hashed = await get(server.port, '/assets/index-CcjIRsVF.js');
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get(server.port, '/');
    expect(page.headers['cache-control']).toBe('no-cache');
    // A file without a content hash could change under the same name.
    expect((await get(server.port, '/assets/main.js')).headers['cache-control']).toBe('no-cache');
  });

  it('answers a revalidation with 304 and no body while the file is unchanged', async () => {
    const { server } = await startTestServer({ staticDir: app });
    const first = await get(server.port, '/');
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^".+"$/);
    const again = await get(server.port, '/', 'GET', { 'If-None-Match': etag });
    expect(again).toMatchObject({ status: 304, body: '' });
    expect(again.headers['content-security-policy']).toBe(STATIC_CONTENT_SECURITY_POLICY);
    expect((await get(server.port, '/', 'GET', { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
    '/assets/linked.txt',
    '/.env',
    '/assets/%2e/../.env',
    '/index.html%00.js',
    '/%',
    '/C:/secret.txt',
    '//etc/passwd',
    '/%2Fetc%2Fpasswd',
  ])('refuses %s', async (rawPath) => {
    const { server } = await startTestServer({ staticDir: app });
    const reply = await get(server.port, rawPath);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.body).not.toContain(SECRET);
    expect(reply.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('refuses methods other than GET and HEAD', async () => {
    const { server } = await startTestServer({ staticDir: app });
    expect((await get(server.port, '/', 'POST')).status).toBe(405);
  });

  it('still does signaling on the same port', async () => {
    const { url } = await startTestServer({ staticDir: app });
    const alice = await TestClient.connect(url);
    const bob = await TestClient.connect(url);
    alice.send({ type: 'subscribe', topics: ['t'] });
    bob.send({ type: 'subscribe', topics: ['t'] });
    await Promise.all([alice.roundTrip(), bob.roundTrip()]);
    alice.send({ type: 'publish', topic: 't', data: 'hi' });
    expect(await bob.next(isPublish)).toMatchObject({ data: 'hi' });
  });

  it('answers plain HTTP with 426 when no folder is served', async () => {
    const { server } = await startTestServer();
    const reply = await get(server.port, '/index.html');
    expect(reply.status).toBe(426);
  });

  it('refuses to start with a folder that does not exist', async () => {
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, staticDir: path.join(base, 'missing') })).rejects.toMatchObject({
      code: 'signal/static-folder',
      message: expect.stringContaining('does not exist'),
    });
  });
});

describe('requestedPath', () => {
  it('keeps ordinary paths and drops the query', () => {
    expect(requestedPath('/')).toBe('');
    expect(requestedPath('/assets/main-Ab12.js?x=1#frag')).toBe('assets/main-Ab12.js');
    expect(requestedPath('/a%20b.txt')).toBe('a b.txt');
  });

  it('refuses anything that could leave the folder', () => {
    for (const bad of [undefined, '', 'relative', '/a%2f..%2f..%2fx', '/a%5c..%5cx', '/x%00', '/.git/config', '/%E0%A4%A', '/c:x']) {
      expect(requestedPath(bad)).toBeNull();
    }
    // The URL parser resolves dot segments (also percent-encoded ones) against the root.
    expect(requestedPath('/a/%2e%2e/%2e%2e/x')).toBe('x');
    expect(requestedPath('/../../x')).toBe('x');
  });
});
