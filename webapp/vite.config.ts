import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// base './': asset URLs stay relative, so the app works under any context root.
// The dev server forwards the API and the WebSocket to a server started with ./mvnw liberty:run.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:7878',
      '/ws': { target: 'ws://127.0.0.1:7878', ws: true },
    },
  },
  test: { environment: 'happy-dom', setupFiles: ['src/test/setup.ts'] },
});
