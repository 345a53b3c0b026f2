/**
 * Dilated convolutions from undilated ones, as TensorFlow computes them (`with_space_to_batch`): tfjs' convolution
 * gradients refuse dilation rates above 1, while `spaceToBatchND` and `batchToSpaceND` are each other's gradients.
 */
import { ops, type Tensor } from '@strata/core';
import { explicitPads, type Pad } from './conv-shapes.js';

/** Strides, padding and dilation rate per spatial dimension. */
export interface ConvGeometry {
  strides: number[];
  padding: 'valid' | 'same';
  dilation: number[];
}

/**
 * A dilated convolution as TensorFlow computes it without dilated kernels: pad to a multiple of the rate, move each
 * rate-spaced sub-grid into the batch (`spaceToBatchND`), convolve undilated (`inner`, stride 1, valid), and move the
 * results back (`batchToSpaceND`). With strides (depthwise convolutions allow both), the stride-1 result is
 * subsampled; the `'same'` padding is the strided one, so the result is the strided convolution's.
 */
export function atrous(x: Tensor, kernelSize: number[], geometry: ConvGeometry, inner: (xb: Tensor) => Tensor): Tensor {
  const { strides, dilation } = geometry;
  const spatial = x.shape.slice(1, -1);
  const pads = explicitPads(spatial, kernelSize, strides, dilation, geometry.padding);
  const paddings: Pad[] = [];
  const crops: Pad[] = [];
  pads.forEach(([before, after], i) => {
    const padded = spatial[i]! + before + after;
    const extra = (dilation[i]! - (padded % dilation[i]!)) % dilation[i]!;
    paddings.push([before, after + extra]);
    crops.push([0, extra]);
  });
  const y = ops.batchToSpaceND(inner(ops.spaceToBatchND(x, dilation, paddings)), dilation, crops);
  return strides.reduce((t, s, i) => subsample(t, i + 1, s), y);
}

/**
 * Every `stride`-th element along `axis`, starting with the first (tfjs has no gradient for `stridedSlice`): pad to a
 * multiple of the stride, split the axis into `[size / stride, stride]` and keep offset 0.
 */
function subsample(x: Tensor, axis: number, stride: number): Tensor {
  if (stride === 1) return x;
  const shape = x.shape as number[];
  const kept = Math.ceil(shape[axis]! / stride);
  const extra = kept * stride - shape[axis]!;
  const padded = extra ? ops.pad(x, shape.map((_, j): Pad => (j === axis ? [0, extra] : [0, 0]))) : x;
  const split = ops.reshape(padded, [...shape.slice(0, axis), kept, stride, ...shape.slice(axis + 1)]);
  const first = ops.slice(split, split.shape.map(() => 0), split.shape.map((d, j) => (j === axis + 1 ? 1 : d)));
  return ops.reshape(first, shape.map((d, j) => (j === axis ? kept : d)));
}
