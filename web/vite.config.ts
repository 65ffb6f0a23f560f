import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite build web` from the repository root: the app lives in web/, its bundle in web/dist,
// which `chokepoint serve` hands out at /app (src/server/web-static.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The map, charts and graph libraries are large; one chunk per library keeps caching useful.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite web` during development: the API comes from a running `chokepoint serve`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
