// Dev server and production build of the admin console. In development Vite proxies the admin API
// to a gateway (SEATGATE_GATEWAY_URL, default http://127.0.0.1:3000); in production the gateway
// serves dist/ itself at `/`, so the console only ever calls its own origin.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const gateway = process.env.SEATGATE_GATEWAY_URL ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: gateway, changeOrigin: false },
  '/health': { target: gateway, changeOrigin: false },
};

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@seatgate/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the gateway serves these with long cache lifetimes; hashed names make that safe
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // vendor chunks change far less often than the console's own code, so browsers keep them
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
            },
            {
              // antd pieces most screens share; a component one screen uses stays with that screen
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/,
              minShareCount: 3,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'i18n', test: /src[\\/]i18n[\\/]/ },
          ],
        },
      },
    },
  },
});
