/**
 * The console's build (`npm run build:console`, part of `npm run build`): a static app in dist/console that the
 * gateway serves at /console (src/server/console.ts). Everything it loads is in that folder (no CDN); file names
 * carry a content hash, so the gateway can let browsers cache them for a year. `CONSOLE_OUT_DIR` moves the output
 * (the production build puts it in dist/prod/console).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('console', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? fileURLToPath(new URL('dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Module preload polyfill would be an inline script, which the console's CSP refuses (script-src 'self').
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
