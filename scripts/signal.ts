/**
 * Runs Lockstep's signaling server standalone:
 *
 *   npm run signal -- --host 0.0.0.0 --port 4444 [--static dist/renderer]
 *
 * Prints the addresses peers use, logs counts only (never room names or content), and
 * shuts down cleanly on Ctrl+C / SIGTERM. Exit codes: 0 after a clean stop, 2 for bad
 * arguments (including a host that is not this computer's), 1 for other failures.
 */
import { parseArgs } from 'node:util';
import { isIP } from 'node:net';
import { serverUrls } from '../electron/main/signaling/addresses';
import { SignalingStartError, startSignalingServer } from '../electron/main/signaling/server';

const USAGE = `Usage: npm run signal -- [--host ADDRESS] [--port PORT] [--static FOLDER] [--quiet]

  --host     address to listen on (default 127.0.0.1; 0.0.0.0 = every IPv4 interface)
  --port     TCP port, 0 = any free port (default 4444)
  --static   also serve this folder over HTTP (the built app, e.g. dist/renderer)
  --quiet    do not log connection events`;

const BAD_INPUT_CODES = new Set(['signal/bad-port', 'signal/bad-host', 'signal/host-unavailable', 'signal/static-folder']);

function fail(message: string, code: number): never {
  process.stderr.write(`signal: ${message}\n`);
  process.exit(code);
}

function parseCommandLine(): { host: string; port: number; staticDir: string | undefined; quiet: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '4444' },
        static: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const portText = values.port.trim();
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) fail(`--port must be a whole number from 0 to 65535 (got "${values.port}")`, 2);
  const host = values.host.trim();
  const hostName = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
  if (isIP(host) === 0 && !hostName.test(host)) fail(`--host must be an IP address or host name (got "${values.host}")`, 2);
  return { host, port, staticDir: values.static, quiet: values.quiet };
}

async function main(): Promise<void> {
  const args = parseCommandLine();
  let server;
  try {
    server = await startSignalingServer({
      host: args.host,
      port: args.port,
      ...(args.staticDir !== undefined ? { staticDir: args.staticDir } : {}),
      ...(args.quiet ? {} : { onLog: (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`) }),
    });
  } catch (error) {
    if (error instanceof SignalingStartError) fail(error.message, BAD_INPUT_CODES.has(error.code) ? 2 : 1);
    fail(error instanceof Error ? error.message : String(error), 1);
  }

  const urls = serverUrls(server.host, server.port, args.staticDir !== undefined);
  process.stdout.write(`Lockstep signaling server is running.\n`);
  for (const url of urls.signalingUrls) process.stdout.write(`  signaling: ${url}\n`);
  for (const url of urls.webUrls) process.stdout.write(`  app:       ${url}\n`);
  process.stdout.write('Press Ctrl+C to stop.\n');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`Received ${signal}, closing connections…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`, 1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
