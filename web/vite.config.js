import { defineConfig } from 'vite';
import { loadChineseNames } from './tools/iso-names.mjs';

// Country names in Chinese, derived at build time from Debian's iso-codes (tools/iso-names.mjs):
// `import('virtual:iso-names-zh')` is a small chunk the dashboard loads only in Chinese.
function isoNamesZh() {
  const id = 'virtual:iso-names-zh';
  return {
    name: 'aisov-iso-names-zh',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(loadChineseNames())};` : null),
  };
}

// Relative asset paths: the dashboard is served by `aisov serve` at / (or from any directory).
export default defineConfig({
  base: './',
  plugins: [isoNamesZh()],
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
