import {
  type Conv3DBackpropInputV2Attrs,
  type Conv3DBackpropInputV2Inputs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  Conv3DBackpropInputV2,
  backend_util,
} from '@tensorflow/tfjs-core';
import { activeFastKernels } from '../fast/module.js';
import { padAxis, spreadForTransposedConv } from './conv-padding.js';
import { conv3dGemm } from './conv3d-gemm.js';
import { gemmInputGrad } from './gemm-conv.js';
import { WASM, withScope } from './kernel-scope.js';

/** Internal, for tests and benchmarks: 'gemm' or 'conv' for every shape instead of {@link prefersGemm}'s choice. */
export const inputGrad3dOverride: { method: 'gemm' | 'conv' | null } = { method: null };

/**
 * Speed per output pixel of `col2im(dy @ Wᵀ)` relative to the forward convolution over the padded `dy` (both matrix
 * products while the fast kernels are on), measured on one thread for 16³ volumes with 8 to 64 channels
 * (bench/kernels): the product's inner dimension is only Cout, the convolution's kd·kh·kw·Cout.
 */
const GEMM_SPEED = 0.8;

/** The convolution's output has Cin channels: XNNPACK's products slow down below this many. */
const CONV_MIN_CHANNELS = 16;

/**
 * Whether `col2im(dy @ Wᵀ)` beats the forward convolution over the zero-inserted, padded `dy`: the product computes
 * Do·Ho·Wo pixels, the convolution Di·Hi·Wi — the same for 'same' stride-1 layers, where the convolution's wider inner
 * dimension wins once Cin is large enough; many more for strided and 'valid' ones.
 */
export function prefersGemm(info: backend_util.Conv3DInfo): boolean {
  if (inputGrad3dOverride.method != null) return inputGrad3dOverride.method === 'gemm';
  if (info.inChannels < CONV_MIN_CHANNELS) return true;
  return (info.outDepth * info.outHeight * info.outWidth) / GEMM_SPEED < info.inDepth * info.inHeight * info.inWidth;
}

/**
 * The gradient of a 3D convolution with respect to its input (also the forward pass of `conv3dTranspose`): where
 * {@link prefersGemm} picks it while Strata's fast kernels are on, `col2im(dy @ Wᵀ)` (one XNNPACK matrix product and
 * the SIMD module's 3D col2im); otherwise one forward `Conv3D` on the wasm backend (itself a matrix product while the
 * fast kernels are on): `dy`, zero-inserted by the strides and padded, correlated with the filter flipped in space
 * and with its channel axes swapped. It replaces tfjs-backend-wasm 4.22's own kernel, whose results are wrong (they
 * disagree with the cpu backend and with numerical gradients for every shape tried).
 *
 * @example
 * tf.conv3dTranspose(x, w, [1, 8, 8, 8, 3], 2, 'same') // dy @ Wᵀ folded by col2im on wasm
 */
export const conv3DBackpropInputV2: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as Conv3DBackpropInputV2Inputs;
  const { strides, pad, inputShape } = attrs as unknown as Conv3DBackpropInputV2Attrs;
  const filterShape = filter!.shape as [number, number, number, number, number];
  const info = backend_util.computeConv3DInfo(inputShape, filterShape, strides, 1, pad);
  if (dy!.shape.join() !== info.outShape.join()) {
    throw new Error(`Conv3DBackpropInputV2: expected dy of shape [${info.outShape}] for input shape [${inputShape}], received [${dy!.shape}].`);
  }
  const fast = dy!.dtype === 'float32' && filter!.dtype === 'float32' ? activeFastKernels(backend as KernelBackend) : null;
  if (fast && prefersGemm(info)) return gemmInputGrad(backend as KernelBackend, fast, dy!, filter!, conv3dGemm(fast, info));
  return withScope(backend as KernelBackend, (scope) => {
    const { input, pads } = spreadForTransposedConv(scope, dy!, [
      { inSize: info.inDepth, outSize: info.outDepth, kernel: info.filterDepth, stride: info.strideDepth, dilation: 1, padBefore: info.padInfo.front },
      { inSize: info.inHeight, outSize: info.outHeight, kernel: info.filterHeight, stride: info.strideHeight, dilation: 1, padBefore: info.padInfo.top },
      { inSize: info.inWidth, outSize: info.outWidth, kernel: info.filterWidth, stride: info.strideWidth, dilation: 1, padBefore: info.padInfo.left },
    ]);
    // tfjs' Conv3D takes only 'same' / 'valid', so the padding is applied here, one axis at a time.
    const padded = pads.reduce((t, [before, after], i) => padAxis(scope, t, i + 1, before, after), input);
    const flipped = scope.transpose(scope.reverse(filter!, [0, 1, 2]), [0, 1, 2, 4, 3]);
    return scope.run('Conv3D', { x: padded, filter: flipped }, { strides: [1, 1, 1], pad: 'valid', dilations: [1, 1, 1] });
  });
};

export const conv3DBackpropInputV2Config: KernelConfig = {
  kernelName: Conv3DBackpropInputV2,
  backendName: WASM,
  kernelFunc: conv3DBackpropInputV2,
};
