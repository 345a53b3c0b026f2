/**
 * Convolutions of any spatial rank (channels-last, float32) as matrix products, on Strata's wasm SIMD module (im2col
 * and col2im) plus tfjs-backend-wasm's XNNPACK `BatchMatMul`. With the column matrix `cols [P, K]` (P output pixels,
 * K = taps × input channels):
 * - forward: `y [P, Cout] = cols @ W [K, Cout]`;
 * - filter gradient: `dW [K, Cout] = colsᵀ [K, P] @ dy [P, Cout]`, or `(dyᵀ @ cols)ᵀ` when K < Cout (XNNPACK packs
 *   the second operand of a product anew for every new tensor, a pass over it: the narrower one goes second);
 * - input gradient: `dx = col2im(dy [P, Cout] @ Wᵀ [Cout, K])`.
 * Batches are taken in chunks so the column matrix stays under `gemmChunking.columnBytes`. The rank-specific parts
 * (the SIMD kernels and shapes) come in a {@link GemmConv}: conv2d-gemm.ts, conv3d-gemm.ts.
 *
 * @example
 * const dW = gemmFilterGrad(backend, fast, x, dy, conv3dShape(fast, info));
 */
import { type KernelBackend, type TensorInfo, getKernel } from '@tensorflow/tfjs-core';
import type { FastKernels } from '../fast/module.js';
import { WASM } from './kernel-scope.js';
import { allocate, copyOut, ptrOf, view } from './wasm-output.js';
import { heapU8 } from '../fast/module.js';

/** Largest column matrix (bytes) built at once; larger batches are split (tests lower it to exercise chunks). */
export const gemmChunking = { columnBytes: 64 * 1024 * 1024 };

/** A convolution as its GEMM formulation sees it: sizes, shapes, and the SIMD kernels for `nb` samples at byte offsets. */
export interface GemmConv {
  batch: number;
  /** Columns of the column matrix: taps × input channels. */
  k: number;
  outChannels: number;
  /** Output pixels per sample. */
  outPixels: number;
  /** Input elements per sample. */
  inSize: number;
  inShape: number[];
  filterShape: number[];
  outShape: number[];
  /** cols [nb·outPixels, k] of the nb samples of x at byte offset `x`. */
  im2col(x: number, cols: number, nb: number): void;
  /** The same matrix transposed, [k, nb·outPixels]. */
  im2colT(x: number, colsT: number, nb: number): void;
  /** The nb samples at byte offset `out` ← Σ of cols over the windows covering each of their pixels. */
  col2im(cols: number, out: number, nb: number): void;
}

/** `a @ b` by the registered wasm BatchMatMul (XNNPACK), both untransposed. */
export function matMul(backend: KernelBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  const kernel = getKernel('BatchMatMul', WASM)!;
  return kernel.kernelFunc({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
}

/** Samples per chunk so that `perSampleBytes × chunk` stays under the column budget (at least one). */
const chunkSize = (conv: GemmConv, perSampleBytes: number) =>
  Math.max(1, Math.min(conv.batch, Math.floor(gemmChunking.columnBytes / perSampleBytes)));

const free = (backend: KernelBackend, ...ts: Array<TensorInfo | null>) => {
  for (const t of ts) if (t) backend.disposeData(t.dataId);
};

/** The forward convolution y [N, …out, Cout] of x with the filter [..., Cin, Cout]. */
export function gemmForward(backend: KernelBackend, x: TensorInfo, filter: TensorInfo, conv: GemmConv): TensorInfo {
  const { k, outChannels: cout, outPixels } = conv;
  const chunk = chunkSize(conv, 4 * outPixels * k);
  const w = view(filter, [1, k, cout]);
  if (chunk === conv.batch) {
    const cols = allocate(backend, [1, conv.batch * outPixels, k]);
    try {
      conv.im2col(ptrOf(backend, x), cols.ptr, conv.batch);
      const y = matMul(backend, cols.info, w);
      return { dataId: y.dataId, shape: conv.outShape, dtype: 'float32' };
    } finally {
      free(backend, cols.info);
    }
  }
  const y = allocate(backend, conv.outShape);
  try {
    for (let b0 = 0; b0 < conv.batch; b0 += chunk) {
      const nb = Math.min(chunk, conv.batch - b0);
      const cols = allocate(backend, [1, nb * outPixels, k]);
      let part: TensorInfo | null = null;
      try {
        conv.im2col(ptrOf(backend, x) + 4 * b0 * conv.inSize, cols.ptr, nb);
        part = matMul(backend, cols.info, w);
        const from = ptrOf(backend, part);
        heapU8(backend).copyWithin(y.ptr + 4 * b0 * outPixels * cout, from, from + 4 * nb * outPixels * cout);
      } finally {
        free(backend, cols.info, part);
      }
    }
  } catch (err) {
    free(backend, y.info);
    throw err;
  }
  return y.info;
}

/** The filter gradient [..., Cin, Cout] from x and dy. */
export function gemmFilterGrad(backend: KernelBackend, fast: FastKernels, x: TensorInfo, dy: TensorInfo, conv: GemmConv): TensorInfo {
  const { k, outChannels: cout, outPixels } = conv;
  const chunk = chunkSize(conv, 4 * outPixels * k);
  const whole = chunk === conv.batch;
  const dyFirst = k < cout;
  let acc: TensorInfo | null = null;
  try {
    for (let b0 = 0; b0 < conv.batch; b0 += chunk) {
      const nb = Math.min(chunk, conv.batch - b0);
      const p = nb * outPixels;
      const xChunk = ptrOf(backend, x) + 4 * b0 * conv.inSize;
      const dyChunk = ptrOf(backend, dy) + 4 * b0 * outPixels * cout;
      const temps: TensorInfo[] = [];
      let product: TensorInfo;
      try {
        if (dyFirst) {
          const dyT = allocate(backend, [1, cout, p]);
          const cols = allocate(backend, [1, p, k]);
          temps.push(dyT.info, cols.info);
          fast.transpose2d(dyChunk, dyT.ptr, p, cout);
          conv.im2col(xChunk, cols.ptr, nb);
          product = matMul(backend, dyT.info, cols.info);
        } else {
          const colsT = allocate(backend, [1, k, p]);
          temps.push(colsT.info);
          conv.im2colT(xChunk, colsT.ptr, nb);
          const dyPart = whole ? view(dy, [1, p, cout]) : copyOut(backend, dyChunk, [1, p, cout]);
          if (!whole) temps.push(dyPart);
          product = matMul(backend, colsT.info, dyPart);
        }
      } finally {
        free(backend, ...temps);
      }
      if (acc == null) {
        acc = product;
      } else {
        const sum = getKernel('Add', WASM)!.kernelFunc({ inputs: { a: acc, b: product }, backend, attrs: {} }) as TensorInfo;
        free(backend, acc, product);
        acc = sum;
      }
    }
  } catch (err) {
    free(backend, acc);
    throw err;
  }
  if (!dyFirst) return { dataId: acc!.dataId, shape: conv.filterShape, dtype: 'float32' };
  const dW = allocate(backend, conv.filterShape);
  fast.transpose2d(ptrOf(backend, acc!), dW.ptr, cout, k);
  free(backend, acc);
  return dW.info;
}

/** The input gradient [N, …in, Cin] from dy and the filter [..., Cin, Cout]. */
export function gemmInputGrad(backend: KernelBackend, fast: FastKernels, dy: TensorInfo, filter: TensorInfo, conv: GemmConv): TensorInfo {
  const { k, outChannels: cout, outPixels } = conv;
  const chunk = chunkSize(conv, 4 * outPixels * k);
  const dx = allocate(backend, conv.inShape);
  const wT = allocate(backend, [1, cout, k]);
  try {
    fast.transpose2d(ptrOf(backend, filter), wT.ptr, k, cout);
    for (let b0 = 0; b0 < conv.batch; b0 += chunk) {
      const nb = Math.min(chunk, conv.batch - b0);
      const p = nb * outPixels;
      const whole = nb === conv.batch;
      const dyChunk = whole ? view(dy, [1, p, cout]) : copyOut(backend, ptrOf(backend, dy) + 4 * b0 * outPixels * cout, [1, p, cout]);
      let cols: TensorInfo | null = null;
      try {
        cols = matMul(backend, dyChunk, wT.info);
        conv.col2im(ptrOf(backend, cols), ptrOf(backend, dx.info) + 4 * b0 * conv.inSize, nb);
      } finally {
        free(backend, cols, whole ? null : dyChunk);
      }
    }
  } catch (err) {
    free(backend, dx.info);
    throw err;
  } finally {
    free(backend, wT.info);
  }
  return dx.info;
}
