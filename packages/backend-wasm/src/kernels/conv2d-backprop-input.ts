import {
  type Conv2DBackpropInputAttrs,
  type Conv2DBackpropInputInputs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  Conv2DBackpropInput,
  backend_util,
} from '@tensorflow/tfjs-core';
import { explicitPad2D, spreadForTransposedConv } from './conv-padding.js';
import { WASM, withScope } from './kernel-scope.js';
import { inputGradViaGemm, prefersGemmForInput } from './conv2d-gemm.js';
import { activeFastKernels } from '../fast/module.js';

/**
 * The gradient of a 2D convolution with respect to its input (also the forward pass of `conv2dTranspose`), as one
 * forward XNNPACK convolution: `dy`, zero-inserted by the stride and padded, correlated with the filter flipped in
 * space and with its channel axes swapped. tfjs-backend-wasm's own kernel for this is a plain loop several times
 * slower than the forward convolution; this one replaces it. While Strata's fast kernels are on (the default), strided
 * NHWC float32 gradients run instead as one XNNPACK matrix product `dy @ Wᵀ` folded back by the SIMD module's col2im
 * (conv2d-gemm.ts): a fraction of the operations of the correlation over the zero-inserted `dy`.
 *
 * @example
 * tf.conv2dTranspose(x, w, [1, 8, 8, 3], 2, 'same') // runs as a forward convolution on wasm
 */
export const conv2DBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as Conv2DBackpropInputInputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  const info = backend_util.computeConv2DInfo(
    inputShape, filter!.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, format);
  if (dy!.shape.join() !== info.outShape.join()) {
    throw new Error(`Conv2DBackpropInput: expected dy of shape [${info.outShape}] for input shape [${inputShape}], received [${dy!.shape}].`);
  }
  const gemm = format === 'channelsLast' && dy!.dtype === 'float32' && prefersGemmForInput(info);
  const fast = gemm ? activeFastKernels(backend as KernelBackend) : null;
  if (fast) return inputGradViaGemm(backend as KernelBackend, fast, dy!, filter!, info);
  return withScope(backend as KernelBackend, (scope) => {
    const dyh = format === 'channelsLast' ? dy! : scope.transpose(dy!, [0, 2, 3, 1]);
    const { input, pads } = spreadForTransposedConv(scope, dyh, [
      { inSize: info.inHeight, outSize: info.outHeight, kernel: info.filterHeight, stride: info.strideHeight, dilation: 1, padBefore: info.padInfo.top },
      { inSize: info.inWidth, outSize: info.outWidth, kernel: info.filterWidth, stride: info.strideWidth, dilation: 1, padBefore: info.padInfo.left }]);
    const flipped = scope.transpose(scope.reverse(filter!, [0, 1]), [0, 1, 3, 2]);
    const dx = scope.run('Conv2D', { x: input, filter: flipped }, { strides: [1, 1], dilations: [1, 1], pad: explicitPad2D(pads), dataFormat: 'NHWC' });
    return format === 'channelsLast' ? dx : scope.transpose(dx, [0, 3, 1, 2]);
  });
};

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: WASM,
  kernelFunc: conv2DBackpropInput,
};
