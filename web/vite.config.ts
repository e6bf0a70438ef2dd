import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress';

// The server serves web/dist in production (same origin); in development Vite proxies the API.
export default defineConfig({
  // .br and .gz beside every text asset, sent by the server by Accept-Encoding (docs/OPERATIONS.md)
  plugins: [react(), precompress()],
  // The server writes a fresh nonce over this placeholder for every page it serves and puts the
  // same nonce in the page's Content-Security-Policy (server/src/platform/security-headers.ts).
  html: { cspNonce: 'YQ_CSP_NONCE' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
