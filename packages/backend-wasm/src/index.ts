/**
 * The default Strata backend: tfjs' WebAssembly backend with SIMD, plus the kernels it lacks for training.
 * Importing this package registers it as `'wasm'`; `@strata/core` imports it and starts it.
 *
 * @example
 * import { getBackend } from '@strata/core';
 * getBackend(); // { name: 'wasm', capabilities: { simd: true, threads: 2 } } on a 2-core machine in Node
 */
import '@tensorflow/tfjs-backend-wasm';
import './kernels/register-kernels.js';
import './fixes/cumulative-axis.js';
import { registerBackend } from '@strata/backend';
import { disposeWasm, startWasm } from './start.js';

export { configureWasm } from './config.js';
export { disposeWasm } from './start.js';
export { setFastKernels, fastKernelsEnabled } from './fast/switch.js';
export { fastKernelsActive, fastKernelCalls, fastKernelsReady } from './fast/status.js';
export type { WasmConfig } from './config.js';

registerBackend({
  name: 'wasm',
  packageName: '@strata/backend-wasm',
  priority: 2,
  init: startWasm,
  dispose: disposeWasm,
});
