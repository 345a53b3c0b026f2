import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelScope } from './kernel-scope.js';

/** Explicit NHWC padding as tfjs' convolution kernels take it. */
export type ExplicitPad = [[0, 0], [number, number], [number, number], [0, 0]];

/** One spatial axis of a forward convolution: input size, output size, kernel size, stride, dilation, leading pad. */
export interface ConvAxis {
  inSize: number;
  outSize: number;
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
}

/**
 * Padding that turns a filter gradient into a forward correlation of the input with `dy` (taken as a filter dilated by
 * the stride, stepping by the dilation): the leading pad of the forward convolution, and enough trailing zeros that
 * the result has at least `kernel` positions. The result may have more; crop it to `kernel`.
 *
 * @example
 * filterGradPad({ inSize: 5, outSize: 3, kernel: 3, stride: 1, dilation: 1, padBefore: 1 }); // [1, 0]
 */
export function filterGradPad(a: ConvAxis): [number, number] {
  const needed = (a.kernel - 1) * a.dilation + (a.outSize - 1) * a.stride + 1;
  return [a.padBefore, Math.max(0, needed - a.inSize - a.padBefore)];
}

/**
 * Zero-inserts `dy` (channels-last, spatial axes 1..k) by the strides and returns it with the per-axis padding that
 * makes the input gradient a stride-1 forward correlation of it with the spatially flipped filter (at the forward
 * dilation). Negative amounts are cropped here; the returned `pads` (one `[before, after]` per spatial axis, never
 * negative) are for the convolution to apply.
 *
 * @example
 * const { input, pads } = spreadForTransposedConv(scope, dy, [rows, cols]);
 */
export function spreadForTransposedConv(
  scope: KernelScope,
  dy: TensorInfo,
  axes: ConvAxis[],
): { input: TensorInfo; pads: Array<[number, number]> } {
  let input = dy;
  const pads: Array<[number, number]> = [];
  axes.forEach((a, i) => {
    input = spreadAxis(scope, input, i + 1, a.stride);
    const [before, after] = transposedPad(a, input.shape[i + 1]!);
    input = cropAxis(scope, input, i + 1, Math.max(0, -before), Math.max(0, -after));
    pads.push([Math.max(0, before), Math.max(0, after)]);
  });
  return { input, pads };
}

/** Explicit NHWC padding for a 2D convolution from per-axis `[before, after]` amounts. */
export function explicitPad2D([rows, cols]: Array<[number, number]>): ExplicitPad {
  return [[0, 0], rows!, cols!, [0, 0]];
}

/** Leading and trailing padding of a spread `dy` axis of length `spreadSize` for the transposed correlation. */
function transposedPad(a: ConvAxis, spreadSize: number): [number, number] {
  const extent = (a.kernel - 1) * a.dilation;
  const before = extent - a.padBefore;
  const after = a.inSize + extent - before - spreadSize;
  return [before, after];
}

/** `x` seen as [outer, shape[axis], inner]. */
function view3D(shape: number[], axis: number): [number, number, number] {
  const outer = shape.slice(0, axis).reduce((p, q) => p * q, 1);
  const inner = shape.slice(axis + 1).reduce((p, q) => p * q, 1);
  return [outer, shape[axis]!, inner];
}

/** Inserts `stride − 1` zeros after every element along `axis` (the last element too). */
function spreadAxis(scope: KernelScope, x: TensorInfo, axis: number, stride: number): TensorInfo {
  if (stride === 1) return x;
  const [outer, size, inner] = view3D(x.shape, axis);
  const spread = scope.pad(scope.reshape(x, [outer, size, 1, inner]), [[0, 0], [0, 0], [0, stride - 1], [0, 0]]);
  const shape = [...x.shape];
  shape[axis] = size * stride;
  return scope.reshape(spread, shape);
}

/** Drops `before` leading and `after` trailing elements along `axis`. */
function cropAxis(scope: KernelScope, x: TensorInfo, axis: number, before: number, after: number): TensorInfo {
  if (before === 0 && after === 0) return x;
  const [outer, size, inner] = view3D(x.shape, axis);
  const cropped = scope.slice(scope.reshape(x, [outer, size, inner]), [0, before, 0], [outer, size - before - after, inner]);
  const shape = [...x.shape];
  shape[axis] = size - before - after;
  return scope.reshape(cropped, shape);
}

/** Pads `before` leading and `after` trailing zeros along `axis`. */
export function padAxis(scope: KernelScope, x: TensorInfo, axis: number, before: number, after: number): TensorInfo {
  if (before === 0 && after === 0) return x;
  const [outer, size, inner] = view3D(x.shape, axis);
  const padded = scope.pad(scope.reshape(x, [outer, size, inner]), [[0, 0], [before, after], [0, 0]]);
  const shape = [...x.shape];
  shape[axis] = size + before + after;
  return scope.reshape(padded, shape);
}
