import { ops, type Tensor } from '@strata/core';

/**
 * `a / b`, with 0 where `b` is 0 (Keras' `ops.divide_no_nan`). Written with `where` so it runs on every backend
 * (tfjs-backend-wasm has no `DivNoNan` kernel) and has no NaN gradient at `b = 0`.
 */
export function divideNoNan(a: Tensor, b: Tensor): Tensor {
  const zero = ops.equal(b, 0);
  const safe = ops.where(zero, ops.onesLike(b), b);
  const q = ops.div(a, safe);
  return ops.where(zero, ops.zerosLike(q), q);
}
