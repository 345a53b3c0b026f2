import { type KernelBackend, type KernelFunc, type TensorInfo, Identity } from '@tensorflow/tfjs-core';
import { fastKernelsEnabled } from '../fast/switch.js';
import { replaceKernel } from './replace-kernel.js';

/**
 * `Identity` as a new reference to the same data (as tfjs' cpu backend does it) instead of a copy. tfjs runs it for
 * every tensor a kernel saves for its gradient, so a training step copied each saved activation once; tensors are
 * immutable, so sharing is safe. tfjs-backend-wasm's copying kernel runs when the fast kernels are off.
 *
 * @example
 * tf.relu(x) // under a gradient tape, saving x for the backward pass no longer copies it
 */
export function sharingIdentity(previous: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (!fastKernelsEnabled() || x.dtype === 'string') return previous(args);
    (args.backend as KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

export const registerIdentity = () => replaceKernel(Identity, sharingIdentity);
