import { type AddInputs, type KernelBackend, type KernelFunc, type TensorInfo, Add, backend_util, util } from '@tensorflow/tfjs-core';
import { activeFastKernels } from '../fast/module.js';
import { replaceKernel } from './replace-kernel.js';
import { allocate, ptrOf } from './wasm-output.js';

/** The larger operand and the bias when one broadcasts over the other's leading axes (`[..., C] + [C]`), else null. */
function biasPair(a: TensorInfo, b: TensorInfo): [TensorInfo, TensorInfo] | null {
  const [big, small] = util.sizeFromShape(a.shape) >= util.sizeFromShape(b.shape) ? [a, b] : [b, a];
  const bias = small.shape.slice(small.shape.findIndex((d) => d !== 1));
  if (small.shape.every((d) => d === 1) || bias.length === 0 || util.sizeFromShape(bias) === util.sizeFromShape(big.shape)) return null;
  if (small.shape.length > big.shape.length) return null;
  const trailing = big.shape.slice(big.shape.length - bias.length);
  return trailing.every((d, i) => d === bias[i]) ? [big, small] : null;
}

/**
 * `Add` of a bias broadcast over leading axes (`[N, H, W, C] + [C]`, the forward of every layer with a bias) in one
 * SIMD pass; every other addition runs tfjs-backend-wasm's own kernel.
 *
 * @example
 * tf.add(conv, bias) // [128, 26, 26, 32] + [32] in one pass on wasm
 */
export function fastAdd(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as AddInputs;
    const backend = args.backend as KernelBackend;
    const pair = a!.dtype === 'float32' && b!.dtype === 'float32' ? biasPair(a!, b!) : null;
    const fast = pair ? activeFastKernels(backend) : null;
    if (fast == null || pair == null) return previous(args);
    const [x, bias] = pair;
    backend_util.assertAndGetBroadcastShape(a!.shape, b!.shape);
    const cols = util.sizeFromShape(bias.shape);
    const { info, ptr } = allocate(backend, x.shape);
    fast.bias_add(ptrOf(backend, x), ptrOf(backend, bias), ptr, util.sizeFromShape(x.shape) / cols, cols);
    return info;
  };
}

export const registerAdd = () => replaceKernel(Add, fastAdd);
