/**
 * 2D convolution gradients (NHWC, float32) as matrix products (gemm-conv.ts) on Strata's SIMD module's 2D im2col /
 * col2im: the filter gradient as `colsᵀ @ dy` with the transposed column matrix built strip by strip
 * (wat/im2col-strips.mjs), or straight from x and dy for a first layer with few taps × channels; the input gradient
 * as `col2im(dy @ Wᵀ)`.
 *
 * @example
 * const dW = filterGradViaGemm(backend, fast, x, dy, info);
 */
import type { KernelBackend, TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { ConvGeometryArgs, FastKernels } from '../fast/module.js';
import { type GemmConv, gemmFilterGrad, gemmInputGrad } from './gemm-conv.js';
import { allocate, ptrOf } from './wasm-output.js';

export { gemmChunking } from './gemm-conv.js';

/** Filter gradients with at most this many taps × input channels run directly ({@link filterGradDirect}). */
const DIRECT_BELOW_TAPS = 16;

/** Pixels per block of the direct filter gradient (its scratch holds one i32 per pixel); as in wat/conv.mjs. */
const FILTER_GRAD_BLOCK = 64;

type Conv2DInfo = backend_util.Conv2DInfo;

function geometry(info: Conv2DInfo, batch: number): ConvGeometryArgs {
  return [batch, info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth, info.strideHeight,
    info.strideWidth, info.dilationHeight, info.dilationWidth, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth];
}

/** The GEMM view of a 2D convolution. */
export function conv2dGemm(fast: FastKernels, info: Conv2DInfo): GemmConv {
  return {
    batch: info.batchSize,
    k: info.filterHeight * info.filterWidth * info.inChannels,
    outChannels: info.outChannels,
    outPixels: info.outHeight * info.outWidth,
    inSize: info.inHeight * info.inWidth * info.inChannels,
    inShape: [info.batchSize, info.inHeight, info.inWidth, info.inChannels],
    filterShape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels],
    outShape: [info.batchSize, info.outHeight, info.outWidth, info.outChannels],
    im2col: (x, cols, nb) => fast.im2col(x, cols, ...geometry(info, nb)),
    im2colT: (x, colsT, nb) => fast.im2col_t_strips(x, colsT, ...geometry(info, nb)),
    col2im: (cols, out, nb) => fast.col2im(cols, out, ...geometry(info, nb)),
  };
}

/** The filter gradient [kh, kw, Cin, Cout] of a stride/dilation/padding-general 2D convolution. */
export function filterGradViaGemm(backend: KernelBackend, fast: FastKernels, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  if (info.filterHeight * info.filterWidth * info.inChannels <= DIRECT_BELOW_TAPS) return filterGradDirect(backend, fast, x, dy, info);
  return gemmFilterGrad(backend, fast, x, dy, conv2dGemm(fast, info));
}

/**
 * The filter gradient of a convolution with few taps × input channels (K ≤ {@link DIRECT_BELOW_TAPS}: a first layer
 * on grey images) straight from x and dy, without a column matrix: per block of output pixels the SIMD kernel
 * accumulates every tap's products in registers (a matrix product with K this small wastes most of XNNPACK's tile).
 */
function filterGradDirect(backend: KernelBackend, fast: FastKernels, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const out = allocate(backend, [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels]);
  const scratch = allocate(backend, [FILTER_GRAD_BLOCK], 'int32');
  try {
    fast.filter_grad_small(ptrOf(backend, x), ptrOf(backend, dy), out.ptr, scratch.ptr, ...geometry(info, info.batchSize), info.outChannels);
  } finally {
    backend.disposeData(scratch.info.dataId);
  }
  return out.info;
}

/** The input gradient [N, H, W, Cin] of a 2D convolution, from `dy` and the filter [kh, kw, Cin, Cout]. */
export function inputGradViaGemm(backend: KernelBackend, fast: FastKernels, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  return gemmInputGrad(backend, fast, dy, filter, conv2dGemm(fast, info));
}
