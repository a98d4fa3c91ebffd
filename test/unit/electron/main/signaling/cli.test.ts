/** `npm run signal` (scripts/signal.ts) as a user runs it: arguments, addresses, clean stop. */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestClient } from './helpers';

const SCRIPT = fileURLToPath(new URL('../../../../../scripts/signal.ts', import.meta.url));
const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function startCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(read: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run signal', () => {
  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--host', 'not a host'], /--host must be an IP address/],
    [['--host', '192.0.2.77', '--port', '0'], /does not belong to this computer/],
    [['--unknown'], /Unknown option/],
  ])('exits with 2 and a clear message for %j', async (args, message) => {
    const cli = startCli(args);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(message);
    expect(cli.output().split('\n')[0]).toMatch(/^signal: /);
  }, 30_000);

  it('prints its addresses, relays, serves the app, and stops cleanly on SIGTERM', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'lockstep-cli-'));
    try {
      await writeFile(path.join(folder, 'index.html'), '<title>app</title>');
      const cli = startCli(['--host', '127.0.0.1', '--port', '0', '--static', folder]);
      const [, port] = await waitForOutput(cli.output, /signaling: ws:\/\/127\.0\.0\.1:(\d+)/);
      expect(cli.output()).toContain(`app:       http://127.0.0.1:${port}/`);

      const client = await TestClient.connect(`ws://127.0.0.1:${port}`);
      await client.roundTrip();
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(await page.text()).toBe('<title>app</title>');

      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect((await client.closed).code).toBe(1001);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
