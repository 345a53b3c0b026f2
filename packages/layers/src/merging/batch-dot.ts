import { ops, ValueError, type Tensor } from '@strata/core';
import { shapeToString } from '../engine/shape.js';

/**
 * Keras' `batch_dot` (`layers/merging/dot.py`) for inputs of rank ≥ 2 and non-negative `axes` (not 0): brings x's
 * dot axis last and y's to axis 1, folds both to rank 3, multiplies batch-wise, and unfolds. Rank-2 inputs give a
 * `[batch, 1]` result.
 */
export function batchDot(x: Tensor, y: Tensor, axes: [number, number], layerName: string): Tensor {
  const where = `layer "${layerName}"`;
  if (x.rank < 2 || y.rank < 2) {
    throw new ValueError(`Cannot do batch_dot in ${where} on inputs with rank < 2. Received inputs with shapes ${shapeToString(x.shape)} and ${shapeToString(y.shape)}.`);
  }
  if (x.shape[0] !== y.shape[0]) {
    throw new ValueError(`Cannot do batch_dot in ${where} on inputs with different batch sizes. Received inputs with shapes ${shapeToString(x.shape)} and ${shapeToString(y.shape)}.`);
  }
  let [a0, a1] = axes;
  if (a0 === 0 || a1 === 0) throw new ValueError(`Cannot perform batch_dot over axis 0 (the batch axis) in ${where}. Received axes=${JSON.stringify(axes)}`);
  if (x.shape[a0] !== y.shape[a1]) {
    throw new ValueError(
      `Cannot do batch_dot in ${where} on inputs with shapes ${shapeToString(x.shape)} and ${shapeToString(y.shape)} with axes=${JSON.stringify(axes)}. ` +
        `x.shape[${a0}] != y.shape[${a1}] (${x.shape[a0]} != ${y.shape[a1]}).`,
    );
  }
  const xRank0 = x.rank;
  const yRank0 = y.rank;
  if (x.rank === 2) {
    x = ops.expandDims(x, 1);
    a0 += 1;
  }
  if (y.rank === 2) y = ops.expandDims(y, 2);
  if (a0 !== x.rank - 1) {
    const perm = [...Array(x.rank).keys()];
    for (let i = a0; i < x.rank - 1; i++) perm[i] = perm[i + 1]!;
    perm[x.rank - 1] = a0;
    x = ops.transpose(x, perm);
  }
  if (a1 !== 1) {
    const perm = [...Array(y.rank).keys()];
    for (let i = a1; i > 1; i--) perm[i] = perm[i - 1]!;
    perm[1] = a1;
    y = ops.transpose(y, perm);
  }
  const xMid = x.rank > 3 ? x.shape.slice(1, -1) : null;
  if (xMid) x = ops.reshape(x, [x.shape[0]!, -1, x.shape[x.rank - 1]!]);
  const yTrail = y.rank > 3 ? y.shape.slice(2) : null;
  if (yTrail) y = ops.reshape(y, [y.shape[0]!, y.shape[1]!, -1]);
  let result = ops.matMul(x, y);
  if (xMid || yTrail) {
    let shape = [...result.shape];
    if (xMid) shape = [shape[0]!, ...xMid, shape[shape.length - 1]!];
    if (yTrail) shape = [...shape.slice(0, -1), ...yTrail];
    result = ops.reshape(result, shape);
  }
  if (xRank0 === 2) result = ops.squeeze(result, [1]);
  else if (yRank0 === 2) result = ops.squeeze(result, [result.rank - 1]);
  return result;
}
