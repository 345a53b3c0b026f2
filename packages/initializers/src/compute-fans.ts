import { ValueError } from '@strata/core';

function product(shape: number[], axes: number[]): number {
  let n = 1;
  for (const axis of axes) {
    const a = axis < 0 ? shape.length + axis : axis;
    if (!Number.isInteger(a) || a < 0 || a >= shape.length) {
      throw new ValueError(`Axis ${axis} is out of range for a weight of shape [${shape.join(', ')}].`);
    }
    n *= shape[a]!;
  }
  return n;
}

/**
 * The number of input and output units of a weight, as Keras' `compute_fans`: a scalar counts 1 each; a vector its
 * length both ways; a dense kernel `[in, out]`; a convolution kernel `[...spatial, inChannels, outChannels]` multiplies
 * both channel counts by the receptive field (the product of the spatial sizes). `inputAxes` and `outputAxes`, given
 * together, name the axes to multiply instead.
 *
 * @example
 * computeFans([3, 3, 16, 32]); // { fanIn: 144, fanOut: 288 }
 */
export function computeFans(shape: number[], inputAxes?: number[] | null, outputAxes?: number[] | null): { fanIn: number; fanOut: number } {
  if (inputAxes != null && outputAxes != null) {
    return { fanIn: product(shape, inputAxes), fanOut: product(shape, outputAxes) };
  }
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  let receptiveField = 1;
  for (const dim of shape.slice(0, -2)) receptiveField *= dim;
  return { fanIn: shape[shape.length - 2]! * receptiveField, fanOut: shape[shape.length - 1]! * receptiveField };
}
