import { ops, type Tensor } from '@strata/core';

/**
 * `a / b`, with 0 where `b` is 0 (Keras' `ops.divide_no_nan`), written with `where` because tfjs-backend-wasm has
 * no `DivNoNan` kernel.
 */
export function divideNoNan(a: Tensor, b: Tensor): Tensor {
  const zero = ops.equal(b, 0);
  const q = ops.div(a, ops.where(zero, ops.onesLike(b), b));
  return ops.where(zero, ops.zerosLike(q), q);
}
