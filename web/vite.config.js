import { defineConfig } from 'vite';

// Relative asset paths: the dashboard is served by `aisov serve` at / (or from any directory).
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.js'],
  },
});
