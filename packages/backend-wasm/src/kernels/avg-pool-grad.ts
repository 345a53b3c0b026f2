import { type AvgPoolGradAttrs, type AvgPoolGradInputs, type KernelBackend, type KernelFunc, AvgPoolGrad, backend_util } from '@tensorflow/tfjs-core';
import { activeFastKernels } from '../fast/module.js';
import { replaceKernel } from './replace-kernel.js';
import { allocate, ptrOf } from './wasm-output.js';

/**
 * `AvgPoolGrad` for NHWC float32 in one pass of Strata's wasm SIMD module: each `dy` divided by the number of input
 * pixels its window covers — padding excluded, as the forward pooling (and Keras) counts them — and added to each.
 * tfjs' own kernels (cpu and wasm) divide by the whole window size, which is wrong at the borders with 'same'
 * padding; they run when the fast kernels are off.
 *
 * @example
 * tf.grad((x) => tf.sum(tf.avgPool(x, 3, 2, 'same')))(x) // dx by this kernel on wasm
 */
export function fastAvgPoolGrad(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, input } = args.inputs as AvgPoolGradInputs;
    const backend = args.backend as KernelBackend;
    const fast = dy!.dtype === 'float32' ? activeFastKernels(backend) : null;
    if (fast == null) return previous(args);
    const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as AvgPoolGradAttrs & { dimRoundingMode?: 'floor' | 'round' | 'ceil' };
    const infoFor = (mode: typeof dimRoundingMode) =>
      backend_util.computePool2DInfo(input!.shape as [number, number, number, number], filterSize, strides, 1, pad, mode);
    let info = infoFor(dimRoundingMode);
    if (dy!.shape.join() !== info.outShape.join() && typeof pad === 'number') {
      info = (['floor', 'ceil', 'round'] as const).map(infoFor).find((i) => i.outShape.join() === dy!.shape.join()) ?? info;
    }
    if (dy!.shape.join() !== info.outShape.join()) {
      throw new Error(`AvgPoolGrad: expected dy of shape [${info.outShape}] for input shape [${input!.shape}], received [${dy!.shape}].`);
    }
    const { info: dx, ptr } = allocate(backend, input!.shape);
    fast.avg_pool_grad(ptrOf(backend, dy!), ptr,
      info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth,
      info.strideHeight, info.strideWidth, 1, 1, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth);
    return dx;
  };
}

export const registerAvgPoolGrad = () => replaceKernel(AvgPoolGrad, fastAvgPoolGrad);
