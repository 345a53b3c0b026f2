import { type Tensor, cumprod as tfCumprod, cumsum as tfCumsum } from '@tensorflow/tfjs-core';

// tfjs' cumulative ops mishandle a negative axis on every backend (wrong shape on cpu, heap corruption on wasm);
// Keras accepts one, so normalise it here.
function normalize(x: Tensor, axis: number, op: string): number {
  const rank = x.rank;
  if (axis < -rank || axis >= rank) throw new Error(`${op}: axis ${axis} is out of range for a tensor of rank ${rank}.`);
  return axis < 0 ? axis + rank : axis;
}

/** Cumulative sum along `axis` (negative counts from the end), as `keras.ops.cumsum`. */
export function cumsum(x: Tensor, axis = 0, exclusive = false, reverse = false): Tensor {
  return tfCumsum(x, normalize(x, axis, 'cumsum'), exclusive, reverse);
}

/** Cumulative product along `axis` (negative counts from the end), as `keras.ops.cumprod`. */
export function cumprod(x: Tensor, axis = 0, exclusive = false, reverse = false): Tensor {
  return tfCumprod(x, normalize(x, axis, 'cumprod'), exclusive, reverse);
}
