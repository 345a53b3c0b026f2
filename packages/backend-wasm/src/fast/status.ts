import { type KernelBackend, findBackend } from '@tensorflow/tfjs-core';
import { fastKernelsLoaded, kernelCalls, prepareFastKernels } from './module.js';
import { fastKernelsEnabled } from './switch.js';

/** tfjs' running wasm backend, if it has started. */
function wasmBackend(): KernelBackend | null {
  return findBackend('wasm') ?? null;
}

/**
 * Resolves once Strata's SIMD training kernels are instantiated for the running wasm backend: `true` when they can
 * run there, `false` when they cannot (no WebAssembly SIMD, or the wasm backend has not started). The backend's start
 * (the top-level `await` of `@strata/core`, or `await setBackend('wasm')`) already waits for them, so this matters
 * only to code that starts tfjs' backend some other way.
 *
 * @example
 * import { fastKernelsReady } from '@strata/backend-wasm';
 * if (!(await fastKernelsReady())) console.warn('training runs on the composed kernels');
 */
export async function fastKernelsReady(): Promise<boolean> {
  const backend = wasmBackend();
  return backend == null ? false : prepareFastKernels(backend);
}

/**
 * Whether gradients run on Strata's fast kernels right now: the switch is on ({@link setFastKernels}) and the SIMD
 * module is instantiated for the running wasm backend.
 *
 * @example
 * import { fastKernelsActive, setFastKernels } from '@strata/backend-wasm';
 * fastKernelsActive(); // true on a machine with WebAssembly SIMD
 * setFastKernels(false);
 * fastKernelsActive(); // false
 */
export function fastKernelsActive(): boolean {
  const backend = wasmBackend();
  return fastKernelsEnabled() && backend != null && fastKernelsLoaded(backend);
}

/**
 * How many times each of Strata's SIMD kernels has run since the module loaded (a diagnostic: compare two readings
 * to see which kernels a computation used). Kernels not yet instantiated are absent.
 *
 * @example
 * import { fastKernelCalls } from '@strata/backend-wasm';
 * const before = fastKernelCalls()['im2col_t_strips'] ?? 0;
 * // … compute a conv2d filter gradient …
 * (fastKernelCalls()['im2col_t_strips'] ?? 0) - before; // 1
 */
export function fastKernelCalls(): Readonly<Record<string, number>> {
  return { ...kernelCalls };
}
