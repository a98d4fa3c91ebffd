import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Test-only build of renderer/harness (sync e2e tests); kept out of the product build.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer/harness', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/harness', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    minify: false,
    rollupOptions: {
      input: { sync: fileURLToPath(new URL('./renderer/harness/sync.html', import.meta.url)) },
    },
  },
});
