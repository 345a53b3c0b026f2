import { type KernelFunc, type TensorInfo, type TransposeAttrs, Transpose } from '@tensorflow/tfjs-core';
import { fastKernelsEnabled } from '../fast/switch.js';
import { replaceKernel } from './replace-kernel.js';

/**
 * The same transpose on fewer axes: size-1 axes dropped and every run of input axes that stays adjacent, in order,
 * in the output merged into one.
 *
 * @example
 * mergeAxes([4, 18, 18, 18, 16], [1, 2, 3, 0, 4]); // { shape: [4, 5832, 16], perm: [1, 0, 2] }
 */
export function mergeAxes(shape: number[], perm: number[]): { shape: number[]; perm: number[] } {
  const kept = perm.filter((p) => shape[p] !== 1);
  const runs: number[][] = [];
  for (const p of kept) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1]! + 1 === p && isAdjacentAfterDrops(shape, last[last.length - 1]!, p)) last.push(p);
    else runs.push([p]);
  }
  const byInput = [...runs].sort((a, b) => a[0]! - b[0]!);
  return {
    shape: byInput.map((run) => run.reduce((size, axis) => size * shape[axis]!, 1)),
    perm: runs.map((run) => byInput.indexOf(run)),
  };
}

/** Axes `a` < `b` of `shape` are neighbours once size-1 axes are dropped. */
function isAdjacentAfterDrops(shape: number[], a: number, b: number): boolean {
  for (let i = a + 1; i < b; i++) if (shape[i] !== 1) return false;
  return true;
}

/**
 * `Transpose` on the fewest axes that describe it ({@link mergeAxes}) while the fast kernels are on: tfjs-backend-wasm
 * transposes up to rank 4 in tiled loops but above that element by element, about fifty times slower, and most rank-5
 * and rank-6 transposes (3D convolutions, space ↔ batch moves) merge down to rank 3 or 4. Same values either way.
 *
 * @example
 * tf.transpose(x5d, [1, 2, 3, 0, 4]) // a rank-3 transpose on wasm
 */
export function fastTranspose(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { perm } = args.attrs as unknown as TransposeAttrs;
    if (!fastKernelsEnabled() || perm.length <= 2) return previous(args);
    const merged = mergeAxes(x.shape, perm);
    if (merged.perm.length >= perm.length) return previous(args);
    const out = previous({ ...args, inputs: { x: { ...x, shape: merged.shape } }, attrs: { ...args.attrs, perm: merged.perm } }) as TensorInfo;
    return { ...out, shape: perm.map((p) => x.shape[p]!) };
  };
}

export const registerTranspose = () => replaceKernel(Transpose, fastTranspose);
