/** Writing a list of values into optimizer variables (`setWeights`), with Keras' checks. */
import { ValueError, ops, tensor, tidy, type Tensor, type TensorLike } from '@strata/core';
import type { OptimizerVariable } from './optimizer-variable.js';

/**
 * Assigns `weights[i]` to `targets[i]`. Each value is a tensor of the variable's shape, or plain data (a number, a
 * nested array, a typed array) of that shape or flat of that size; values are cast to the variable's dtype. Every
 * value is checked before anything is written.
 */
export function assignWeights(targets: OptimizerVariable[], weights: Array<Tensor | TensorLike>, owner: string): void {
  if (weights.length !== targets.length) {
    throw new ValueError(`Optimizer "${owner}" has ${targets.length} variables, but setWeights received ${weights.length} values.`);
  }
  tidy(() => {
    const values = targets.map((v, i) => {
      const w = weights[i]!;
      const t = isTensor(w) ? w : tensor(w as TensorLike, undefined, v.dtype);
      const flat = !isTensor(w) && t.rank <= 1 && t.size === v.shape.reduce((a, b) => a * b, 1);
      if (!flat && !sameShape(t.shape, v.shape)) {
        throw new ValueError(`Optimizer variable "${v.path}" has shape [${v.shape.join(', ')}] not compatible with provided weight shape [${t.shape.join(', ')}].`);
      }
      return ops.cast(ops.reshape(t, v.shape), v.dtype);
    });
    targets.forEach((v, i) => v.assign(values[i]!));
  });
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && typeof (x as Tensor).dataSync === 'function' && Array.isArray((x as Tensor).shape);
}
