import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Bundles a bench page script into one IIFE string with Vite's build API (nothing written). */
export async function bundlePageScript(entry: string, globalName: string): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      emptyOutDir: false,
      lib: { entry: join(ROOT, entry), formats: ['iife'], name: globalName, fileName: () => 'page.js' },
    },
  });
  for (const out of Array.isArray(result) ? result : [result]) {
    if (!('output' in out)) continue;
    for (const chunk of out.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
  }
  throw new Error(`vite build produced no entry chunk for ${entry}`);
}
