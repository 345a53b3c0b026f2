/**
 * The input gradient of a 2D convolution (NHWC, float32) as one XNNPACK convolution along the width and a fold along
 * the height: every filter row's contribution comes out of a `1 × kw` convolution of `dy` (zero-inserted by the width
 * stride and padded) with the filter flipped in width, its channel axes swapped and its rows stacked as output
 * channels (`[1, kw, Cout, kh·Cin]`); the SIMD module's col2im then adds row `i` of each output pixel into input row
 * `oy·sh + i − pad`. The convolution computes `Ho × Win` pixels, where the forward convolution over the fully padded
 * `dy` computes `Hin × Win` (zeros at every border) and the matrix product `dy @ Wᵀ` runs at XNNPACK's narrow-K speed.
 *
 * @example
 * const dx = inputGradViaRowTaps(backend, fast, dy, filter, info); // MNIST's second convolution: 11 rows, not 13
 */
import { type KernelBackend, type TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { FastKernels } from '../fast/module.js';
import { explicitPad2D, spreadForTransposedConv } from './conv-padding.js';
import { KernelScope } from './kernel-scope.js';
import { allocate, ptrOf } from './wasm-output.js';

type Conv2DInfo = backend_util.Conv2DInfo;

/** The input gradient [N, Hin, Win, Cin] from `dy` [N, Ho, Wo, Cout] and the filter [kh, kw, Cin, Cout] (dilation 1). */
export function inputGradViaRowTaps(backend: KernelBackend, fast: FastKernels, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight, inWidth, inChannels, outHeight, outChannels, filterHeight: kh, filterWidth: kw } = info;
  const scope = new KernelScope(backend);
  try {
    const { input, pads } = spreadForTransposedConv(scope, dy, [
      { inSize: outHeight, outSize: outHeight, kernel: 1, stride: 1, dilation: 1, padBefore: 0 }, // rows untouched
      { inSize: inWidth, outSize: info.outWidth, kernel: kw, stride: info.strideWidth, dilation: 1, padBefore: info.padInfo.left },
    ]);
    // F[0, t, co, (i, c)] = W[i, kw − 1 − t, c, co].
    const stacked = scope.transpose(scope.reverse(filter, [1]), [1, 3, 0, 2]);
    const rowFilter = scope.reshape(stacked, [1, kw, outChannels, kh * inChannels]);
    const rows = scope.run('Conv2D', { x: input, filter: rowFilter }, {
      strides: [1, 1], dilations: [1, 1], pad: explicitPad2D(pads), dataFormat: 'NHWC' });
    if (rows.shape[1] !== outHeight || rows.shape[2] !== inWidth) {
      throw new Error(`Conv2DBackpropInput: expected row taps of shape [${n}, ${outHeight}, ${inWidth}, ${kh * inChannels}], received [${rows.shape}].`);
    }
    const dx = allocate(backend, [n, inHeight, inWidth, inChannels]);
    fast.col2im(ptrOf(backend, rows), dx.ptr, n, inHeight, inWidth, inChannels, kh, 1, info.strideHeight, 1, 1, 1,
      info.padInfo.top, 0, outHeight, inWidth);
    return dx.info;
  } finally {
    scope.dispose();
  }
}
