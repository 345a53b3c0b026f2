/**
 * Registers, for tfjs' `'wasm'` backend, the kernels training needs that tfjs-backend-wasm 4.22 lacks (the filter
 * gradient of `conv2d`, used by conv1d, conv2d, separable and transposed convolutions; both depthwise gradients; the
 * gradient of `gather`), a faster `Conv2DBackpropInput`, correct `Conv3DBackpropInputV2` and `Conv3DBackpropFilterV2`
 * (matrix products, like `Conv3D`, while the fast kernels are on), the activation-gradient
 * kernels `@strata/core`'s fast gradients call (`StrataReluGrad`, …), fused batch normalization for training
 * (`StrataBatchNormTraining`, `StrataBatchNormGrad`), a `MaxPoolGrad` that is correct on windows of
 * negative values with the fast kernels on or off, and fast paths for `AvgPoolGrad` (correct at 'same' borders), `Sum`
 * over leading axes and transposed `BatchMatMul`, an `Identity` that shares data, a `Slice` that copies only what it
 * takes, a one-pass bias `Add`, `SpaceToBatchND` / `BatchToSpaceND` as single passes (dilated convolutions) and a
 * `Transpose` on merged axes.
 * Importing `@strata/backend-wasm` runs this.
 *
 * @example
 * import '@strata/backend-wasm'; // conv2d filter gradients now run on wasm
 */
import '@tensorflow/tfjs-backend-wasm';
import { type KernelConfig, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';
import { conv3DBackpropFilterV2Config } from './conv3d-backprop-filter-v2.js';
import { conv3DBackpropInputV2Config } from './conv3d-backprop-input-v2.js';
import { registerConv3D } from './conv3d.js';
import { depthwiseConv2dNativeBackpropFilterConfig } from './depthwise-conv2d-native-backprop-filter.js';
import { depthwiseConv2dNativeBackpropInputConfig } from './depthwise-conv2d-native-backprop-input.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';
import { ACTIVATION_GRAD_KERNELS } from './activation-grads.js';
import { BATCH_NORM_KERNELS } from './batch-norm.js';
import { registerAvgPoolGrad } from './avg-pool-grad.js';
import { registerBatchMatMul } from './batch-mat-mul.js';
import { registerAdd } from './bias-add.js';
import { registerIdentity } from './identity.js';
import { registerMaxPoolGrad } from './max-pool-grad.js';
import { registerSlice } from './slice.js';
import { registerBatchToSpaceND, registerSpaceToBatchND } from './space-batch.js';
import { registerSum } from './sum.js';
import { registerTranspose } from './transpose.js';

/** Kernels tfjs-backend-wasm lacks: registered unless a later tfjs version brings its own. */
const MISSING: KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/**
 * Kernels tfjs-backend-wasm has but runs as a slow loop (Conv2DBackpropInput) or gets wrong (Conv3DBackpropInputV2;
 * Conv3DBackpropFilterV2 for strides above 1).
 */
const REPLACED: KernelConfig[] = [conv2DBackpropInputConfig, conv3DBackpropInputV2Config, conv3DBackpropFilterV2Config];

for (const config of MISSING) {
  if (getKernel(config.kernelName, config.backendName) == null) registerKernel(config);
}
for (const config of REPLACED) {
  const current = getKernel(config.kernelName, config.backendName);
  if (current?.kernelFunc === config.kernelFunc) continue;
  if (current != null) unregisterKernel(config.kernelName, config.backendName);
  registerKernel(config);
}

for (const config of [...ACTIVATION_GRAD_KERNELS, ...BATCH_NORM_KERNELS]) {
  if (getKernel(config.kernelName, config.backendName) == null) registerKernel(config);
}

/**
 * tfjs kernels given a fast path on Strata's SIMD module (while the fast kernels are on), each falling back to the
 * kernel it replaces — except `MaxPoolGrad`, whose fallback is a correct loop of its own (tfjs-backend-wasm's is not).
 */
const FAST: KernelConfig[] = [
  registerConv3D(), registerMaxPoolGrad(), registerAvgPoolGrad(), registerSum(), registerBatchMatMul(), registerIdentity(),
  registerSlice(), registerAdd(), registerSpaceToBatchND(), registerBatchToSpaceND(), registerTranspose(),
];

/** Every kernel config this package registers for `'wasm'`. */
export const STRATA_WASM_KERNELS: readonly KernelConfig[] = [...MISSING, ...REPLACED, ...ACTIVATION_GRAD_KERNELS, ...BATCH_NORM_KERNELS, ...FAST];
