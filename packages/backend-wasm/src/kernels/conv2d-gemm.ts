/**
 * Convolution gradients as matrix products (NHWC, float32), on Strata's wasm SIMD module plus tfjs-backend-wasm's
 * XNNPACK `BatchMatMul`:
 * - filter: `dW [K, Cout] = colsᵀ [K, P] @ dy [P, Cout]` with `colsᵀ` the im2col of x laid out transposed, strip by
 *   strip (wat/im2col-strips.mjs; K = kh·kw·Cin, P = N·Ho·Wo), or `(dyᵀ @ cols)ᵀ` when the column matrix is the narrower operand;
 * - input: `dx = col2im(dy [P, Cout] @ Wᵀ [Cout, K])`.
 * Batches are taken in chunks so the column matrix stays under `gemmChunking.columnBytes`.
 *
 * @example
 * const dW = filterGradViaGemm(backend, fast, x, dy, info);
 */
import { type KernelBackend, type TensorInfo, backend_util, getKernel } from '@tensorflow/tfjs-core';
import type { ConvGeometryArgs, FastKernels } from '../fast/module.js';
import { WASM } from './kernel-scope.js';
import { allocate, copyOut, ptrOf, view } from './wasm-output.js';

/** Largest column matrix (bytes) built at once; larger batches are split (tests lower it to exercise chunks). */
export const gemmChunking = { columnBytes: 64 * 1024 * 1024 };

/** Filter gradients with at most this many taps × input channels run directly ({@link filterGradDirect}). */
const DIRECT_BELOW_TAPS = 16;

/** Pixels per block of the direct filter gradient (its scratch holds one i32 per pixel); as in wat/conv.mjs. */
const FILTER_GRAD_BLOCK = 64;

type Conv2DInfo = backend_util.Conv2DInfo;

function geometry(info: Conv2DInfo, batch: number): ConvGeometryArgs {
  return [batch, info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth, info.strideHeight,
    info.strideWidth, info.dilationHeight, info.dilationWidth, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth];
}

/** Samples per chunk so that `perSampleBytes × chunk` stays under the column budget (at least one). */
const chunkSize = (info: Conv2DInfo, perSampleBytes: number) => Math.max(1, Math.min(info.batchSize, Math.floor(gemmChunking.columnBytes / perSampleBytes)));

function matMul(backend: KernelBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  const kernel = getKernel('BatchMatMul', WASM)!;
  return kernel.kernelFunc({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
}

/**
 * The filter gradient [kh, kw, Cin, Cout] of a stride/dilation/padding-general 2D convolution. XNNPACK packs the
 * second operand of a product anew for every new tensor (a pass over it, slow when it is long and narrow), so the
 * smaller of `dy` [P, Cout] and the column matrix [P, K] goes second: `colsᵀ @ dy` (most layers) or
 * `(dyᵀ @ cols)ᵀ` (few input channels: K < Cout, as a first layer on grey or RGB images).
 */
export function filterGradViaGemm(backend: KernelBackend, fast: FastKernels, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const cout = info.outChannels;
  const pixels = info.outHeight * info.outWidth;
  const chunk = chunkSize(info, 4 * pixels * k);
  const xSample = 4 * info.inHeight * info.inWidth * info.inChannels;
  const whole = chunk === info.batchSize;
  if (k <= DIRECT_BELOW_TAPS) return filterGradDirect(backend, fast, x, dy, info);
  const dyFirst = k < cout;
  let acc: TensorInfo | null = null;
  for (let b0 = 0; b0 < info.batchSize; b0 += chunk) {
    const nb = Math.min(chunk, info.batchSize - b0);
    const p = nb * pixels;
    const xChunk = ptrOf(backend, x) + b0 * xSample;
    const dyChunk = ptrOf(backend, dy) + 4 * b0 * pixels * cout;
    const temps: TensorInfo[] = [];
    let product: TensorInfo;
    try {
      if (dyFirst) {
        const dyT = allocate(backend, [1, cout, p]);
        const cols = allocate(backend, [1, p, k]);
        temps.push(dyT.info, cols.info);
        fast.transpose2d(dyChunk, dyT.ptr, p, cout);
        fast.im2col(xChunk, cols.ptr, ...geometry(info, nb));
        product = matMul(backend, dyT.info, cols.info);
      } else {
        const colsT = allocate(backend, [1, k, p]);
        temps.push(colsT.info);
        fast.im2col_t_strips(xChunk, colsT.ptr, ...geometry(info, nb));
        const dyPart = whole ? view(dy, [1, p, cout]) : copyOut(backend, dyChunk, [1, p, cout]);
        if (!whole) temps.push(dyPart);
        product = matMul(backend, colsT.info, dyPart);
      }
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
    if (acc == null) {
      acc = product;
    } else {
      const sum = getKernel('Add', WASM)!.kernelFunc({ inputs: { a: acc, b: product }, backend, attrs: {} }) as TensorInfo;
      backend.disposeData(acc.dataId);
      backend.disposeData(product.dataId);
      acc = sum;
    }
  }
  const shape = [info.filterHeight, info.filterWidth, info.inChannels, cout];
  if (!dyFirst) return { dataId: acc!.dataId, shape, dtype: 'float32' };
  const dW = allocate(backend, shape);
  fast.transpose2d(ptrOf(backend, acc!), dW.ptr, cout, k);
  backend.disposeData(acc!.dataId);
  return dW.info;
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
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const cout = info.outChannels;
  const pixels = info.outHeight * info.outWidth;
  const chunk = chunkSize(info, 4 * pixels * k);
  const dx = allocate(backend, [info.batchSize, info.inHeight, info.inWidth, info.inChannels]);
  const wT = allocate(backend, [1, cout, k]);
  try {
    fast.transpose2d(ptrOf(backend, filter), wT.ptr, k, cout);
    for (let b0 = 0; b0 < info.batchSize; b0 += chunk) {
      const nb = Math.min(chunk, info.batchSize - b0);
      const p = nb * pixels;
      const whole = nb === info.batchSize;
      const dyChunk = whole ? view(dy, [1, p, cout]) : copyOut(backend, ptrOf(backend, dy) + 4 * b0 * pixels * cout, [1, p, cout]);
      let cols: TensorInfo | null = null;
      try {
        cols = matMul(backend, dyChunk, wT.info);
        fast.col2im(ptrOf(backend, cols), ptrOf(backend, dx.info) + 4 * b0 * info.inHeight * info.inWidth * info.inChannels, ...geometry(info, nb));
      } finally {
        if (cols) backend.disposeData(cols.dataId);
        if (!whole) backend.disposeData(dyChunk.dataId);
      }
    }
  } catch (err) {
    backend.disposeData(dx.info.dataId);
    throw err;
  } finally {
    backend.disposeData(wT.info.dataId);
  }
  return dx.info;
}
