/** What `ZeroPadding1D/2D/3D` share: the padded shape and the padding itself. */
import { ops, type Tensor } from '@strata/core';
import type { DataFormat } from '../convolutional/arguments.js';
import type { Shape } from '../engine/shape.js';

function firstSpatialAxis(dataFormat: DataFormat): number {
  return dataFormat === 'channels_last' ? 1 : 2;
}

/** The shape after adding `padding[i]` = `[before, after]` zeros to spatial dimension `i` (unknown sizes stay unknown). */
export function paddedShape(shape: ReadonlyArray<number | null>, padding: Array<[number, number]>, dataFormat: DataFormat): Shape {
  const first = firstSpatialAxis(dataFormat);
  return shape.map((size, axis) => {
    const pad = axis >= first && axis < first + padding.length ? padding[axis - first]! : null;
    return size == null || !pad ? size : size + pad[0] + pad[1];
  });
}

/** Pads the spatial dimensions of `x` with zeros. */
export function padSpatial(x: Tensor, padding: Array<[number, number]>, dataFormat: DataFormat): Tensor {
  const first = firstSpatialAxis(dataFormat);
  return ops.pad(x, x.shape.map((_, axis): [number, number] => (axis >= first && axis < first + padding.length ? padding[axis - first]! : [0, 0])));
}
