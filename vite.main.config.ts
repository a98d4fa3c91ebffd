import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

// Main process bundle: one CJS file, electron and node built-ins stay external.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node22',
    outDir: fileURLToPath(new URL('./dist/electron', import.meta.url)),
    emptyOutDir: false,
    sourcemap: true,
    rollupOptions: {
      input: fileURLToPath(new URL('./electron/main/index.ts', import.meta.url)),
      external: ['electron', /^node:/, ...builtinModules],
      output: { format: 'cjs', entryFileNames: 'main.cjs' },
    },
  },
  ssr: { noExternal: true },
});
