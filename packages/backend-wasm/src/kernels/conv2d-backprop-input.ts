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
import { inputGradViaGemm } from './conv2d-gemm.js';
import { inputGradViaRowTaps } from './conv2d-input-rows.js';
import { type FastKernels, activeFastKernels } from '../fast/module.js';

type Conv2DInfo = backend_util.Conv2DInfo;

/**
 * How an NHWC float32 input gradient runs while the fast kernels are on: `'conv'`, the forward convolution over the
 * zero-inserted, padded `dy` (also the composed path); `'rows'`, a `1 × kw` convolution whose filter rows come out as
 * channels, folded over the rows by col2im (conv2d-input-rows.ts); `'gemm'`, `dy @ Wᵀ` folded by col2im
 * (conv2d-gemm.ts).
 */
export type InputGradMethod = 'conv' | 'rows' | 'gemm';

/** Internal, for tests and benchmarks: a method to use for every shape instead of {@link chooseInputGradMethod}'s. */
export const inputGradOverride: { method: InputGradMethod | null } = { method: null };

/**
 * Time per output pixel of each method relative to the padded convolution's, measured on one thread for MNIST-,
 * CIFAR- and ResNet-sized layers (bench/kernels): the row-tap convolution runs at 1/1.12 of its speed (a wider
 * output, then the fold), the matrix product with its col2im at 0.55 (its inner dimension is only Cout).
 */
const ROWS_OVERHEAD = 1.12;
const GEMM_SPEED = 0.55;

/** XNNPACK's convolutions slow down with fewer output channels than these (Cin for 'conv', kh·Cin for 'rows'). */
const CONV_MIN_CHANNELS = 4;
const ROWS_MIN_CHANNELS = 16;

/**
 * The fastest method for this shape, by output pixels × taps at the measured speeds: the convolution over the padded
 * `dy` computes Hin × Win pixels (for 'valid' and strided layers, many of them only zeros times weights), the
 * row-tap convolution Ho × Win, the matrix product Ho × Wo. 'same' stride-1 layers take 'conv', small 'valid' ones
 * (MNIST) 'rows', strided ones and those with one to three input channels 'gemm'.
 */
export function chooseInputGradMethod(info: Conv2DInfo): InputGradMethod {
  if (inputGradOverride.method != null) return inputGradOverride.method;
  const conv = info.inChannels >= CONV_MIN_CHANNELS ? info.inHeight * info.inWidth : Infinity;
  const rows = info.filterHeight * info.inChannels >= ROWS_MIN_CHANNELS ? info.outHeight * info.inWidth * ROWS_OVERHEAD : Infinity;
  const gemm = (info.outHeight * info.outWidth) / GEMM_SPEED;
  return gemm < Math.min(conv, rows) ? 'gemm' : rows < conv ? 'rows' : 'conv';
}

/**
 * The gradient of a 2D convolution with respect to its input (also the forward pass of `conv2dTranspose`). Composed
 * (fast kernels off), it is one forward XNNPACK convolution: `dy`, zero-inserted by the stride and padded, correlated
 * with the filter flipped in space and with its channel axes swapped; tfjs-backend-wasm's own kernel for this is a
 * plain loop several times slower than the forward convolution, and this one replaces it. While Strata's fast kernels
 * are on (the default), NHWC float32 gradients take whichever of that convolution, a row-tap convolution folded by
 * col2im (conv2d-input-rows.ts) and a matrix product folded by col2im (conv2d-gemm.ts) needs the least time for the
 * shape ({@link chooseInputGradMethod}).
 *
 * @example
 * tf.conv2dTranspose(x, w, [1, 8, 8, 3], 2, 'same') // on wasm: dy @ Wᵀ folded by col2im (the fastest here)
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
  const fast = format === 'channelsLast' && dy!.dtype === 'float32' ? activeFastKernels(backend as KernelBackend) : null;
  const method = fast ? chooseInputGradMethod(info) : 'conv';
  if (method === 'gemm') return inputGradViaGemm(backend as KernelBackend, fast as FastKernels, dy!, filter!, info);
  if (method === 'rows') return inputGradViaRowTaps(backend as KernelBackend, fast as FastKernels, dy!, filter!, info);
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
