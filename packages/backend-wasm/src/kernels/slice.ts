import { type KernelBackend, type KernelFunc, type SliceAttrs, type SliceInputs, Slice, slice_util, util } from '@tensorflow/tfjs-core';
import { heapU8, offsetOf } from '../fast/module.js';
import { fastKernelsEnabled } from '../fast/switch.js';
import { replaceKernel } from './replace-kernel.js';

const BYTES: Partial<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };

/** Runs shorter than this many elements leave the slice to tfjs' kernel (one copy call per run costs more). */
const MIN_RUN = 8;

/**
 * `Slice` as heap-to-heap copies of its contiguous runs. tfjs-backend-wasm's kernel first reads the whole input into
 * a JavaScript array (a copy of all of it, however small the slice), which made taking a batch out of a dataset
 * cost as much as copying the dataset. tfjs' kernel runs when the fast kernels are off, for strings, and for slices
 * made of many short runs.
 *
 * @example
 * tf.slice(images, [i * 128, 0, 0, 0], [128, 28, 28, 1]) // copies 128 images, not the whole dataset
 */
export function fastSlice(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as SliceInputs;
    const bytes = BYTES[x!.dtype];
    if (!fastKernelsEnabled() || bytes == null) return previous(args);
    const { begin, size } = args.attrs as unknown as SliceAttrs;
    const [start, extent] = slice_util.parseSliceParams(x as never, begin, size);
    const shape = x!.shape;
    const rank = shape.length;
    if (rank === 0 || extent.some((s) => s === 0)) return previous(args);
    // The run: the innermost axis sliced partially, with every axis after it whole.
    let axis = rank - 1;
    let run = extent[axis]!;
    while (axis > 0 && extent[axis] === shape[axis]) run *= extent[--axis]!;
    const runs = util.sizeFromShape(extent) / run;
    if (run < MIN_RUN && runs > 1) return previous(args);
    const backend = args.backend as KernelBackend & { makeOutput(shape: number[], dtype: string): { dataId: object; shape: number[]; dtype: string } };
    const out = backend.makeOutput(extent, x!.dtype);
    const strides = util.computeStrides(shape);
    const src = offsetOf(backend, x!.dataId);
    const dst = offsetOf(backend, out.dataId);
    const heap = heapU8(backend);
    const index = new Array<number>(axis).fill(0);
    const strideOf = (d: number) => (d === rank - 1 ? 1 : strides[d]!);
    for (let r = 0; r < runs; r++) {
      let from = start[axis]! * strideOf(axis);
      for (let d = 0; d < axis; d++) from += (start[d]! + index[d]!) * strideOf(d);
      heap.copyWithin(dst + r * run * bytes, src + from * bytes, src + (from + run) * bytes);
      for (let d = axis - 1; d >= 0; d--) {
        if (++index[d]! < extent[d]!) break;
        index[d] = 0;
      }
    }
    return out as never;
  };
}

export const registerSlice = () => replaceKernel(Slice, fastSlice);
