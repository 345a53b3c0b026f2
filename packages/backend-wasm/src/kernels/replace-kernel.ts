import { type KernelConfig, type KernelFunc, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { WASM } from './kernel-scope.js';

const REPLACED = Symbol.for('strata.wasm.replacedKernel');
type Marked = KernelFunc & { [REPLACED]?: true };

/**
 * Registers for wasm a kernel built from the one registered now (`previous`, which it calls when its fast path does
 * not apply), once: a second call, from another copy of this module, leaves the first replacement in place.
 *
 * @example
 * replaceKernel('Sum', (previous) => (args) => (fast(args) ?? previous(args)));
 */
export function replaceKernel(kernelName: string, make: (previous: KernelFunc) => KernelFunc): KernelConfig {
  const current = getKernel(kernelName, WASM);
  if (current == null) throw new Error(`Expected tfjs-backend-wasm to register '${kernelName}', found none.`);
  if ((current.kernelFunc as Marked)[REPLACED]) return current;
  const kernelFunc: Marked = make(current.kernelFunc);
  kernelFunc[REPLACED] = true;
  const config: KernelConfig = { ...current, kernelFunc };
  unregisterKernel(kernelName, WASM);
  registerKernel(config);
  return config;
}
