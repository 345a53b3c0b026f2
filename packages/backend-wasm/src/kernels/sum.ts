import { type KernelBackend, type KernelFunc, type SumAttrs, type SumInputs, Sum, util } from '@tensorflow/tfjs-core';
import { activeFastKernels } from '../fast/module.js';
import { replaceKernel } from './replace-kernel.js';
import { allocate, ptrOf } from './wasm-output.js';

/**
 * `Sum` over leading axes (`[0]`, `[0, 1, 2]`, …) of a float32 tensor — a bias gradient — as one column-sum pass
 * of Strata's wasm SIMD module; any other reduction runs tfjs-backend-wasm's own kernel, which transposes first.
 *
 * @example
 * tf.sum(dy, [0, 1, 2]) // dy [128, 26, 26, 32] → [32] in one pass on wasm
 */
export function fastSum(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as SumInputs;
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const backend = args.backend as KernelBackend;
    const fast = x!.dtype === 'float32' ? activeFastKernels(backend) : null;
    if (fast == null) return previous(args);
    const shape = x!.shape;
    const axes = [...new Set(util.parseAxisParam(axis, shape))].sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < shape.length && axes.every((a, i) => a === i);
    if (!leading) return previous(args);
    const kept = shape.slice(axes.length);
    const rows = util.sizeFromShape(shape.slice(0, axes.length));
    const cols = util.sizeFromShape(kept);
    const { info, ptr } = allocate(backend, keepDims ? [...axes.map(() => 1), ...kept] : kept);
    fast.col_sum(ptrOf(backend, x!), ptr, rows, cols);
    return info;
  };
}

export const registerSum = () => replaceKernel(Sum, fastSum);
