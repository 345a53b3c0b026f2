import {
  type BatchToSpaceNDAttrs,
  type KernelBackend,
  type KernelFunc,
  type SpaceToBatchNDAttrs,
  type TensorInfo,
  BatchToSpaceND,
  SpaceToBatchND,
  util,
} from '@tensorflow/tfjs-core';
import { type FastKernels, type SpaceBatchArgs, activeFastKernels } from '../fast/module.js';
import { replaceKernel } from './replace-kernel.js';
import { allocate, ptrOf } from './wasm-output.js';

/** Right-aligns up to three spatial values into (depth, height, width), filling the rest with `fill`. */
const spatial3 = (values: number[], fill: number): [number, number, number] =>
  [...Array(3 - values.length).fill(fill), ...values] as [number, number, number];

/**
 * The geometry of a space ↔ batch move: `space` [n, …S, …rest] and `batch` [n·∏block, …B, …rest] with S and B the
 * spatial shapes (1 to 3 axes), `before` the leading pads (space → batch) or crops (batch → space).
 */
function geometry(space: number[], batch: number[], block: number[], before: number[]): SpaceBatchArgs {
  const m = block.length;
  const [d, h, w] = spatial3(space.slice(1, 1 + m), 1);
  const [od, oh, ow] = spatial3(batch.slice(1, 1 + m), 1);
  const [bd, bh, bw] = spatial3(block, 1);
  const [pf, pt, pl] = spatial3(before, 0);
  return [space[0]!, d, h, w, util.sizeFromShape(space.slice(1 + m)), bd, bh, bw, pf, pt, pl, od, oh, ow];
}

/** The SIMD kernels when the move can run on them: 4-byte elements, 1 to 3 block axes, nothing empty. */
function fastFor(backend: KernelBackend, x: TensorInfo, block: number[]): FastKernels | null {
  const fits = (x.dtype === 'float32' || x.dtype === 'int32') && block.length >= 1 && block.length <= 3 && util.sizeFromShape(x.shape) > 0;
  return fits ? activeFastKernels(backend) : null;
}

/**
 * `SpaceToBatchND` as one pass of Strata's SIMD module (each pixel's trailing values copied once, zeros in the
 * padding) while the fast kernels are on: tfjs-backend-wasm composes it from a pad and a rank-6+ transpose that runs
 * element by element, which made dilated convolutions (the layers' atrous scheme) ten times slower than the
 * convolution they wrap. Otherwise tfjs' own.
 *
 * @example
 * tf.spaceToBatchND(x, [2, 2], [[0, 0], [0, 0]]) // one SIMD pass on wasm
 */
export function fastSpaceToBatchND(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { blockShape, paddings } = args.attrs as unknown as SpaceToBatchNDAttrs;
    const backend = args.backend as KernelBackend;
    const fast = fastFor(backend, x, blockShape);
    if (fast == null) return previous(args);
    const m = blockShape.length;
    const outSpatial = blockShape.map((b, i) => (x.shape[1 + i]! + paddings[i]![0] + paddings[i]![1]) / b);
    const outShape = [x.shape[0]! * util.sizeFromShape(blockShape), ...outSpatial, ...x.shape.slice(1 + m)];
    const out = allocate(backend, outShape, x.dtype);
    fast.space_to_batch(ptrOf(backend, x), out.ptr, ...geometry(x.shape, outShape, blockShape, paddings.map((p) => p[0]!)));
    return out.info;
  };
}

/**
 * `BatchToSpaceND` (the gradient of `SpaceToBatchND`, and the reverse) as one pass of Strata's SIMD module while the
 * fast kernels are on; tfjs' own (a rank-6+ transpose and a slice) otherwise.
 *
 * @example
 * tf.batchToSpaceND(y, [2, 2], [[0, 0], [0, 0]]) // one SIMD pass on wasm
 */
export function fastBatchToSpaceND(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { blockShape, crops } = args.attrs as unknown as BatchToSpaceNDAttrs;
    const backend = args.backend as KernelBackend;
    const fast = fastFor(backend, x, blockShape);
    if (fast == null) return previous(args);
    const m = blockShape.length;
    const outSpatial = blockShape.map((b, i) => x.shape[1 + i]! * b - crops[i]![0] - crops[i]![1]);
    const outShape = [x.shape[0]! / util.sizeFromShape(blockShape), ...outSpatial, ...x.shape.slice(1 + m)];
    const out = allocate(backend, outShape, x.dtype);
    if (util.sizeFromShape(outShape) > 0) {
      fast.batch_to_space(out.ptr, ptrOf(backend, x), ...geometry(outShape, x.shape, blockShape, crops.map((c) => c[0]!)));
    }
    return out.info;
  };
}

export const registerSpaceToBatchND = () => replaceKernel(SpaceToBatchND, fastSpaceToBatchND);
export const registerBatchToSpaceND = () => replaceKernel(BatchToSpaceND, fastBatchToSpaceND);
