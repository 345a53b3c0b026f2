import { type KernelBackend, type KernelFunc, type MaxPoolGradAttrs, type MaxPoolGradInputs, type TensorInfo, MaxPoolGrad, backend_util } from '@tensorflow/tfjs-core';
import { activeFastKernels, heapU8 } from '../fast/module.js';
import { replaceKernel } from './replace-kernel.js';
import { allocate, ptrOf } from './wasm-output.js';

type PoolInfo = backend_util.Conv2DInfo;

/**
 * `MaxPoolGrad` for NHWC float32: each `dy` goes to the first maximum of its window (row-major), as tfjs' cpu backend
 * routes it. While the fast kernels are on, in one pass of Strata's wasm SIMD module, four channels at a time (2 × 2
 * windows of stride 2, the usual pooling, without a zero fill or scatter: each pixel written once); while they are off
 * (or the module cannot run), as a plain loop over tfjs' heap ({@link maxPoolGradLoop}). tfjs-backend-wasm's own kernel
 * is never used for float32: besides being slow, it is wrong where a window holds only negative values (it sends that
 * window's dy to the window's first element). tfjs' maxPool gradient drops the forward `dimRoundingMode`, so the
 * rounding that gives `dy`'s shape is used.
 *
 * @example
 * tf.grad((x) => tf.sum(tf.maxPool(x, 2, 2, 'valid')))(x) // dx by this kernel on wasm
 */
export function fastMaxPoolGrad(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, input } = args.inputs as MaxPoolGradInputs;
    const backend = args.backend as KernelBackend;
    if (dy!.dtype !== 'float32' || input!.dtype !== 'float32') return previous(args);
    const info = poolInfo(dy!, input!, args.attrs as unknown as MaxPoolGradAttrs);
    const { info: dx, ptr } = allocate(backend, input!.shape);
    const fast = activeFastKernels(backend);
    if (fast == null) {
      maxPoolGradLoop(backend, ptrOf(backend, input!), ptrOf(backend, dy!), ptr, info);
      return dx;
    }
    const { top, bottom, left, right } = info.padInfo;
    const twoByTwo = info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 && info.strideWidth === 2 &&
      top + bottom + left + right === 0 && info.outHeight === Math.floor(info.inHeight / 2) && info.outWidth === Math.floor(info.inWidth / 2);
    (twoByTwo ? fast.max_pool_grad_2x2 : fast.max_pool_grad)(ptrOf(backend, input!), ptrOf(backend, dy!), ptr,
      info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth,
      info.strideHeight, info.strideWidth, 1, 1, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth);
    return dx;
  };
}

/** The pooling geometry whose output shape is `dy`'s (trying each rounding mode for a numeric pad). */
function poolInfo(dy: TensorInfo, input: TensorInfo, attrs: MaxPoolGradAttrs): PoolInfo {
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const infoFor = (mode: typeof dimRoundingMode) =>
    backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, mode);
  let info = infoFor(dimRoundingMode);
  if (dy.shape.join() !== info.outShape.join() && typeof pad === 'number') {
    info = (['floor', 'ceil', 'round'] as const).map(infoFor).find((i) => i.outShape.join() === dy.shape.join()) ?? info;
  }
  if (dy.shape.join() !== info.outShape.join()) {
    throw new Error(`MaxPoolGrad: expected dy of shape [${info.outShape}] for input shape [${input.shape}], received [${dy.shape}].`);
  }
  return info;
}

/**
 * The same routing as the SIMD kernel, in plain JavaScript on tfjs' heap (x, dy and out are byte offsets there): the
 * reference path while the fast kernels are off, and the fallback where the SIMD module cannot run.
 */
export function maxPoolGradLoop(backend: KernelBackend, xPtr: number, dyPtr: number, outPtr: number, info: PoolInfo): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: ho, outWidth: wo } = info;
  const buffer = heapU8(backend).buffer;
  const x = new Float32Array(buffer, xPtr, n * h * w * c);
  const dy = new Float32Array(buffer, dyPtr, n * ho * wo * c);
  const out = new Float32Array(buffer, outPtr, n * h * w * c);
  out.fill(0);
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  let g = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++, g += c) {
        best.fill(-Infinity);
        where.fill(-1);
        for (let i = 0; i < info.filterHeight; i++) {
          const iy = oy * info.strideHeight + i - info.padInfo.top;
          if (iy < 0 || iy >= h) continue;
          for (let j = 0; j < info.filterWidth; j++) {
            const ix = ox * info.strideWidth + j - info.padInfo.left;
            if (ix < 0 || ix >= w) continue;
            const base = ((b * h + iy) * w + ix) * c;
            for (let k = 0; k < c; k++) {
              const v = x[base + k]!;
              if (v > best[k]!) {
                best[k] = v;
                where[k] = base + k;
              }
            }
          }
        }
        for (let k = 0; k < c; k++) if (where[k]! >= 0) out[where[k]!] += dy[g + k]!;
      }
    }
  }
}

export const registerMaxPoolGrad = () => replaceKernel(MaxPoolGrad, fastMaxPoolGrad);
