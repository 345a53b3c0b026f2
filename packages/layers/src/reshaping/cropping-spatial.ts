/**
 * What `Cropping1D/2D/3D` share: the cropped shape (with Keras' error when a crop is not smaller than its dimension)
 * and the crop itself, a slice of the spatial dimensions.
 */
import { ops, ValueError, type Tensor } from '@strata/core';
import type { DataFormat } from '../convolutional/arguments.js';
import { tupleString } from '../convolutional/conv-shapes.js';
import type { Shape } from '../engine/shape.js';

/** The first spatial axis of a tensor in `dataFormat`. */
function firstSpatialAxis(dataFormat: DataFormat): number {
  return dataFormat === 'channels_last' ? 1 : 2;
}

function pairsString(cropping: Array<[number, number]>): string {
  return cropping.length === 1 ? tupleString(cropping[0]!) : `(${cropping.map((c) => tupleString(c)).join(', ')})`;
}

/**
 * The shape after cropping `cropping[i]` = `[before, after]` from spatial dimension `i`; `what` names the shape in the
 * message (`input_shape` for shapes, `inputs.shape` for tensors).
 */
export function croppedShape(
  shape: ReadonlyArray<number | null>, cropping: Array<[number, number]>, dataFormat: DataFormat, what: 'input_shape' | 'inputs.shape',
): Shape {
  const first = firstSpatialAxis(dataFormat);
  const out: Shape = [...shape];
  cropping.forEach(([before, after], i) => {
    const size = shape[first + i];
    if (size == null) return;
    if (before + after >= size) {
      throw new ValueError(
        cropping.length === 1
          ? `\`cropping\` parameter of \`Cropping1D\` layer must be smaller than the input length. Received: ${what}=${tupleString(shape)}, cropping=${pairsString(cropping)}`
          : 'Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. ' +
            `Received: ${what}=${tupleString(shape)}, cropping=${pairsString(cropping)}`,
      );
    }
    out[first + i] = size - before - after;
  });
  return out;
}

/** Crops `x` (a slice, so its gradient pads with zeros). */
export function cropSpatial(x: Tensor, cropping: Array<[number, number]>, dataFormat: DataFormat): Tensor {
  const out = croppedShape(x.shape, cropping, dataFormat, 'inputs.shape') as number[];
  const first = firstSpatialAxis(dataFormat);
  const begin = x.shape.map((_, axis) => (axis >= first && axis < first + cropping.length ? cropping[axis - first]![0] : 0));
  return ops.slice(x, begin, out);
}
