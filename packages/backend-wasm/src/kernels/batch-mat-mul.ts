import { type BatchMatMulAttrs, type BatchMatMulInputs, type KernelBackend, type KernelFunc, type TensorInfo, BatchMatMul, util } from '@tensorflow/tfjs-core';
import { type FastKernels, activeFastKernels } from '../fast/module.js';
import { replaceKernel } from './replace-kernel.js';
import { allocate, ptrOf } from './wasm-output.js';

/** `t` [..., r, c] with each matrix transposed, by Strata's SIMD kernel: [..., c, r]. */
export function transposeMatrices(backend: KernelBackend, fast: FastKernels, t: TensorInfo): TensorInfo {
  const rank = t.shape.length;
  const [r, c] = [t.shape[rank - 2]!, t.shape[rank - 1]!];
  const batch = util.sizeFromShape(t.shape.slice(0, -2));
  const { info, ptr } = allocate(backend, [...t.shape.slice(0, -2), c, r]);
  const src = ptrOf(backend, t);
  for (let i = 0; i < batch; i++) fast.transpose2d(src + 4 * i * r * c, ptr + 4 * i * r * c, r, c);
  return info;
}

/**
 * `BatchMatMul` with `transposeA` or `transposeB` (the gradients of every matMul and Dense layer): the transposed
 * operand is laid out explicitly by a SIMD transpose, then tfjs-backend-wasm's XNNPACK product runs untransposed —
 * its transposed variants are a plain loop, ten times slower.
 *
 * @example
 * tf.matMul(dy, w, false, true) // dy · wᵀ at XNNPACK speed on wasm
 */
export function fastBatchMatMul(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const backend = args.backend as KernelBackend;
    const fast = (transposeA || transposeB) && a!.dtype === 'float32' && b!.dtype === 'float32' ? activeFastKernels(backend) : null;
    if (fast == null) return previous(args);
    const temps: TensorInfo[] = [];
    try {
      const a2 = transposeA ? transposeMatrices(backend, fast, a!) : a!;
      if (transposeA) temps.push(a2);
      const b2 = transposeB ? transposeMatrices(backend, fast, b!) : b!;
      if (transposeB) temps.push(b2);
      return previous({ ...args, inputs: { a: a2, b: b2 }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
}

export const registerBatchMatMul = () => replaceKernel(BatchMatMul, fastBatchMatMul);
