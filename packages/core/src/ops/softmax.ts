import { type Tensor, softmax as tfSoftmax, logSoftmax as tfLogSoftmax, transpose, tidy } from '@tensorflow/tfjs-core';

function alongAxis(x: Tensor, axis: number, fn: (t: Tensor) => Tensor): Tensor {
  const rank = x.rank;
  const ax = axis < 0 ? axis + rank : axis;
  if (ax < 0 || ax >= rank) throw new Error(`softmax: axis ${axis} is out of range for a tensor of rank ${rank}.`);
  if (ax === rank - 1) return fn(x);
  return tidy(() => {
    const perm = [...Array(rank).keys()];
    perm[ax] = rank - 1;
    perm[rank - 1] = ax;
    return transpose(fn(transpose(x, perm)), perm);
  });
}

/**
 * Softmax along `axis` (default -1), as `keras.ops.softmax`.
 *
 * @example
 * softmax(tensor([[1, 2], [3, 4]]), 0);
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return alongAxis(x, axis, (t) => tfSoftmax(t));
}

/** Log-softmax along `axis` (default -1), as `keras.ops.log_softmax`. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return alongAxis(x, axis, (t) => tfLogSoftmax(t));
}
