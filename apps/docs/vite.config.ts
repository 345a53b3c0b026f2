import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages resolve to their src/ through the '@strata/source' export condition, so no prior build is needed.
// Terser with compress off and `_scriptDir` kept: tfjs ships its Emscripten factory to pthread workers as source text
// (factory.toString()), and the default minifier renames or inlines names the worker needs, so a cross-origin
// isolated page would hang (see README.md).
export default defineConfig({
  base: './',
  resolve: { conditions: ['@strata/source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    minify: 'terser',
    terserOptions: { compress: false, mangle: { reserved: ['_scriptDir'] } },
    chunkSizeWarningLimit: 1500,
  },
  optimizeDeps: { rolldownOptions: { transform: { target: 'es2022' } } },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
