import { type KernelBackend, type KernelFunc, type MaxPoolGradAttrs, type MaxPoolGradInputs, MaxPoolGrad, backend_util } from '@tensorflow/tfjs-core';
import { activeFastKernels } from '../fast/module.js';
import { replaceKernel } from './replace-kernel.js';
import { allocate, ptrOf } from './wasm-output.js';

/**
 * `MaxPoolGrad` for NHWC float32 in one pass of Strata's wasm SIMD module: each `dy` goes to the first maximum of
 * its window (row-major), as tfjs' cpu backend routes it, four channels at a time (2 × 2 windows of stride 2, the
 * usual pooling, without a zero fill or scatter: each pixel written once). tfjs-backend-wasm's own kernel
 * (several times slower) runs when the fast kernels are off; it is also wrong where a window holds only negative
 * values (it sends that window's dy to the window's first element), which this one is not. tfjs' maxPool gradient
 * drops the forward `dimRoundingMode`, so the rounding that gives `dy`'s shape is used.
 *
 * @example
 * tf.grad((x) => tf.sum(tf.maxPool(x, 2, 2, 'valid')))(x) // dx by this kernel on wasm
 */
export function fastMaxPoolGrad(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, input } = args.inputs as MaxPoolGradInputs;
    const backend = args.backend as KernelBackend;
    const fast = activeFastKernels(backend);
    if (fast == null || dy!.dtype !== 'float32' || input!.dtype !== 'float32') return previous(args);
    const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
    const infoFor = (mode: typeof dimRoundingMode) =>
      backend_util.computePool2DInfo(input!.shape as [number, number, number, number], filterSize, strides, 1, pad, mode);
    let info = infoFor(dimRoundingMode);
    if (dy!.shape.join() !== info.outShape.join() && typeof pad === 'number') {
      info = (['floor', 'ceil', 'round'] as const).map(infoFor).find((i) => i.outShape.join() === dy!.shape.join()) ?? info;
    }
    if (dy!.shape.join() !== info.outShape.join()) {
      throw new Error(`MaxPoolGrad: expected dy of shape [${info.outShape}] for input shape [${input!.shape}], received [${dy!.shape}].`);
    }
    const { info: dx, ptr } = allocate(backend, input!.shape);
    const { top, bottom, left, right } = info.padInfo;
    const twoByTwo = info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 && info.strideWidth === 2 &&
      top + bottom + left + right === 0 && info.outHeight === Math.floor(info.inHeight / 2) && info.outWidth === Math.floor(info.inWidth / 2);
    (twoByTwo ? fast.max_pool_grad_2x2 : fast.max_pool_grad)(ptrOf(backend, input!), ptrOf(backend, dy!), ptr,
      info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth,
      info.strideHeight, info.strideWidth, 1, 1, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth);
    return dx;
  };
}

export const registerMaxPoolGrad = () => replaceKernel(MaxPoolGrad, fastMaxPoolGrad);
