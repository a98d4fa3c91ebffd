import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The dev server only: React Fast Refresh injects an inline preamble script, which the app's
 * CSP (script-src 'self') blocks, so `npm run dev` would show a blank page. Built apps
 * (`npm start`, the browser host, Electron) keep the strict policy.
 */
function devServerCsp(): Plugin {
  return {
    name: 'lockstep-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self';", "script-src 'self' 'unsafe-inline';"),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), devServerCsp()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
