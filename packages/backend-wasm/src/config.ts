import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { parseThreadCount } from './threads/thread-count.js';

/** How the wasm backend finds its `.wasm` binaries and how many threads it runs on. */
export interface WasmConfig {
  /**
   * A URL prefix ending in `/` (for example a CDN folder holding the three tfjs `.wasm` files), or a map from
   * file name (`tfjs-backend-wasm.wasm`, `tfjs-backend-wasm-simd.wasm`, `tfjs-backend-wasm-threaded-simd.wasm`)
   * to URL. In Node the files load from the installed package and no configuration is needed.
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Threads the kernels run on, 1 to 8 (the size of the build's pthread pool). Takes precedence over the
   * `STRATA_WASM_THREADS` environment variable. In Node the default is every core (at most 8), or 1 under vitest.
   * In a browser threads need a cross-origin-isolated page, and tfjs caps them at
   * `navigator.hardwareConcurrency / 2`: there this option can lower the count but not raise it past that cap.
   */
  threads?: number;
}

const state: { threads: number | undefined } = { threads: undefined };

/**
 * Configures the wasm backend; call it before the backend starts (before importing `@strata/core`, or before
 * `setBackend('wasm')`). To change the thread count of a running backend, call `disposeWasm()` and then
 * `setBackend('wasm')`. With Vite, importing `@strata/backend-wasm/vite` sets `wasmPaths` for you.
 *
 * @example
 * import { configureWasm } from '@strata/backend-wasm';
 * configureWasm({ wasmPaths: 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@4.22.0/dist/' });
 * configureWasm({ threads: 1 }); // single-threaded, whatever the machine
 */
export function configureWasm(config: WasmConfig): void {
  if ('threads' in config) {
    state.threads = config.threads === undefined ? undefined : parseThreadCount(config.threads, 'configureWasm({ threads })');
  }
  if (config.wasmPaths !== undefined) {
    setWasmPaths(config.wasmPaths as Parameters<typeof setWasmPaths>[0]);
  }
}

/** The thread count set with {@link configureWasm}, if any (internal: read when the backend starts). */
export function configuredThreads(): number | undefined {
  return state.threads;
}
