/**
 * Max and average pooling of channels-last tensors with 2 or 3 spatial dimensions, through ops whose forward and
 * gradient kernels agree with Keras on every backend:
 *
 * - 3D max pooling is 2D max pooling over (height, width) then over depth: tfjs-backend-wasm 4.22's `MaxPool3D`
 *   starts its maximum at the smallest positive float, so windows of negative values come out as 1.2e-38;
 * - `'same'` average pooling is valid pooling of the zero-padded input, rescaled by the window size over the number of
 *   positions inside the input: tfjs' forward `'same'` average counts only those positions, but its gradient divides
 *   by the whole window.
 */
import { ops, type Tensor, type Tensor4D, type Tensor5D } from '@strata/core';
import { explicitPads, type Pad } from '../convolutional/conv-shapes.js';

/** Max pooling (`size`, `strides` and `padding` per spatial dimension). */
export function maxPooling(x: Tensor, size: number[], strides: number[], padding: 'valid' | 'same'): Tensor {
  if (x.rank === 4) return ops.maxPool(x as Tensor4D, size as [number, number], strides as [number, number], padding);
  const [n, d, h, w, c] = x.shape as number[];
  const planes = ops.maxPool(ops.reshape(x, [n! * d!, h!, w!, c!]) as Tensor4D, [size[1]!, size[2]!], [strides[1]!, strides[2]!], padding);
  const [, h2, w2] = planes.shape as number[];
  const depth = ops.maxPool(ops.reshape(planes, [n!, d!, h2! * w2!, c!]) as Tensor4D, [size[0]!, 1], [strides[0]!, 1], padding);
  return ops.reshape(depth, [n!, depth.shape[1]!, h2!, w2!, c!]);
}

/** Average pooling, counting only positions inside the input (`size`, `strides` and `padding` per spatial dimension). */
export function averagePooling(x: Tensor, size: number[], strides: number[], padding: 'valid' | 'same'): Tensor {
  const spatial = x.shape.slice(1, -1);
  const pads = explicitPads(spatial, size, strides, size.map(() => 1), padding);
  const padded = pads.some(([before, after]) => before + after > 0);
  const input = padded ? ops.pad(x, [[0, 0], ...pads, [0, 0]]) : x;
  const pooled = x.rank === 5
    ? ops.avgPool3d(input as Tensor5D, size as [number, number, number], strides as [number, number, number], 'valid')
    : ops.avgPool(input as Tensor4D, size as [number, number], strides as [number, number], 'valid');
  if (!padded) return pooled;
  return ops.mul(pooled, windowScale(spatial, pooled.shape.slice(1, -1), size, strides, pads));
}

/**
 * `windowSize / positionsInside` for every output position, as a `[1, …outputSpatial, 1]` tensor: a window's inside
 * positions are a box, so the count is the product of the counts along each dimension.
 */
function windowScale(spatial: number[], outSpatial: number[], size: number[], strides: number[], pads: Pad[]): Tensor {
  const perAxis = outSpatial.map((out, axis) => Array.from({ length: out }, (_, i) => {
    const start = i * strides[axis]!;
    const inside = Math.min(start + size[axis]!, pads[axis]![0] + spatial[axis]!) - Math.max(start, pads[axis]![0]);
    return size[axis]! / inside;
  }));
  const values = perAxis.reduce<number[]>((acc, factors) => acc.flatMap((a) => factors.map((f) => a * f)), [1]);
  return ops.tensor(Float32Array.from(values), [1, ...outSpatial, 1], 'float32');
}
