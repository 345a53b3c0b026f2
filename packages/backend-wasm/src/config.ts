import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Where the wasm backend finds its `.wasm` binaries. */
export interface WasmConfig {
  /**
   * A URL prefix ending in `/` (for example a CDN folder holding the three tfjs `.wasm` files), or a map from
   * file name (`tfjs-backend-wasm.wasm`, `tfjs-backend-wasm-simd.wasm`, `tfjs-backend-wasm-threaded-simd.wasm`)
   * to URL. In Node the files load from the installed package and no configuration is needed.
   */
  wasmPaths?: string | Record<string, string>;
}

/**
 * Points the wasm backend at its binaries; call it before the backend starts (before importing `@strata/core`,
 * or before `setBackend('wasm')`). With Vite, importing `@strata/backend-wasm/vite` does this for you.
 *
 * @example
 * import { configureWasm } from '@strata/backend-wasm';
 * configureWasm({ wasmPaths: 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@4.22.0/dist/' });
 */
export function configureWasm(config: WasmConfig): void {
  if (config.wasmPaths !== undefined) {
    setWasmPaths(config.wasmPaths as Parameters<typeof setWasmPaths>[0]);
  }
}
