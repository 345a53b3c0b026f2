/**
 * Import this module first in a Vite app: it hands the wasm backend the URLs of its `.wasm` binaries as Vite emits
 * them (`?url` assets), so no copying or CDN is needed.
 *
 * @example
 * import '@strata/backend-wasm/vite';
 * import { ops } from '@strata/core';
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm } from './config.js';

configureWasm({
  wasmPaths: {
    'tfjs-backend-wasm.wasm': plain,
    'tfjs-backend-wasm-simd.wasm': simd,
    'tfjs-backend-wasm-threaded-simd.wasm': threaded,
  },
});
