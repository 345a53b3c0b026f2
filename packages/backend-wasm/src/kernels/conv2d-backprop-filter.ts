import {
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropFilterInputs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  Conv2DBackpropFilter,
  backend_util,
} from '@tensorflow/tfjs-core';
import { type ConvAxis, filterGradPad } from './conv-padding.js';
import { type KernelScope, WASM, withScope } from './kernel-scope.js';
import { filterGradViaGemm } from './conv2d-gemm.js';
import { activeFastKernels } from '../fast/module.js';

type Conv2DInfo = backend_util.Conv2DInfo;

/**
 * The gradient of a 2D convolution with respect to its filter, `dW[i, j, ci, co] = Σ x[n, p·s + i − pad, q·s + j −
 * pad, ci] · dy[n, p, q, co]`, computed with the wasm backend's XNNPACK kernels:
 * - in general, as one forward convolution of the input (batch and channels swapped) with `dy` taken as a filter
 *   dilated by the stride;
 * - for stride-1 convolutions whose input is small next to `dy` (1×1 filters, one input channel), as an im2col of the
 *   channels-first input times `dy`, a single matrix product.
 * While Strata's fast kernels are on (the default; see `setFastKernels`), NHWC float32 gradients run instead as an
 * im2col by the SIMD module times `dy`, one well-shaped XNNPACK matrix product (conv2d-gemm.ts).
 *
 * @example
 * tf.conv2d(x, w, 1, 'same') // its gradient with respect to w now runs on wasm
 */
export const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as Conv2DBackpropFilterInputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  const info = backend_util.computeConv2DInfo(
    x!.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, format);
  if (dy!.shape.join() !== info.outShape.join()) {
    throw new Error(`Conv2DBackpropFilter: expected dy of shape [${info.outShape}] for x of shape [${x!.shape}], received [${dy!.shape}].`);
  }
  const fast = format === 'channelsLast' && x!.dtype === 'float32' ? activeFastKernels(backend as KernelBackend) : null;
  if (fast) return filterGradViaGemm(backend as KernelBackend, fast, x!, dy!, info);
  return withScope(backend as KernelBackend, (scope) => {
    const xh = format === 'channelsLast' ? x! : scope.transpose(x!, [0, 2, 3, 1]);
    const dyh = format === 'channelsLast' ? dy! : scope.transpose(dy!, [0, 2, 3, 1]);
    return prefersIm2col(info) ? viaIm2col(scope, xh, dyh, info) : viaConvolution(scope, xh, dyh, info);
  });
};

/** Stride 1 and an im2col no larger than about twice `dy`: one matmul beats the convolution's transposes. */
export function prefersIm2col(info: Conv2DInfo): boolean {
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return false;
  const taps = info.filterHeight * info.filterWidth;
  const xSize = info.batchSize * info.inHeight * info.inWidth * info.inChannels;
  const dySize = info.batchSize * info.outHeight * info.outWidth * info.outChannels;
  return taps === 1 || taps * xSize < 2 * dySize;
}

function axes(info: Conv2DInfo): [ConvAxis, ConvAxis] {
  return [
    { inSize: info.inHeight, outSize: info.outHeight, kernel: info.filterHeight, stride: info.strideHeight, dilation: 1, padBefore: info.padInfo.top },
    { inSize: info.inWidth, outSize: info.outWidth, kernel: info.filterWidth, stride: info.strideWidth, dilation: 1, padBefore: info.padInfo.left },
  ];
}

/** `conv2d(xᵀ [Cin, H, W, N], dyᵀ [Ho, Wo, N, Cout], dilation = stride)` → [Cin, kh, kw, Cout] → [kh, kw, Cin, Cout]. */
function viaConvolution(scope: KernelScope, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const [rows, cols] = axes(info);
  const xT = scope.transpose(x, [3, 1, 2, 0]);
  const dyT = scope.transpose(dy, [1, 2, 0, 3]);
  const out = scope.run('Conv2D', { x: xT, filter: dyT }, {
    strides: [1, 1],
    dilations: [info.strideHeight, info.strideWidth],
    pad: [[0, 0], filterGradPad(rows), filterGradPad(cols), [0, 0]],
    dataFormat: 'NHWC',
  });
  const cropped = scope.slice(out, [0, 0, 0, 0], [info.inChannels, info.filterHeight, info.filterWidth, info.outChannels]);
  return scope.transpose(cropped, [1, 2, 0, 3]);
}

/** `im2col(x)ᵀ [kh·kw·Cin, N·Ho·Wo] @ dy [N·Ho·Wo, Cout]`, the im2col built from slices of the channels-first input. */
function viaIm2col(scope: KernelScope, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const [rows, cols] = axes(info);
  const { batchSize: n, inChannels: cin, outHeight: ho, outWidth: wo, filterHeight: kh, filterWidth: kw } = info;
  const xT = scope.transpose(x, [3, 0, 1, 2]);
  const padded = scope.pad(xT, [[0, 0], [0, 0], filterGradPad(rows), filterGradPad(cols)]);
  const columns: TensorInfo[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      columns.push(scope.reshape(scope.slice(padded, [0, 0, i, j], [cin, n, ho, wo]), [cin, n * ho * wo]));
    }
  }
  const im2col = scope.concat(columns, 0);
  const product = scope.matMul(im2col, scope.reshape(dy, [n * ho * wo, info.outChannels]));
  return scope.reshape(product, [kh, kw, cin, info.outChannels]);
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM,
  kernelFunc: conv2DBackpropFilter,
};
