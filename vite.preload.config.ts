import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// A sandboxed preload cannot require() local files: bundle it into one CJS file.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node22',
    outDir: fileURLToPath(new URL('./dist/electron', import.meta.url)),
    emptyOutDir: false,
    sourcemap: false,
    rollupOptions: {
      input: fileURLToPath(new URL('./electron/preload/index.ts', import.meta.url)),
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs' },
    },
  },
  ssr: { noExternal: true },
});
