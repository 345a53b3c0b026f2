import { ops, tidy, type Tensor } from '@strata/core';
import { Constraint } from './constraint.js';

/**
 * Clips weights to be non-negative, as `keras.constraints.NonNeg`: `maximum(w, 0)`.
 *
 * @example
 * new NonNeg().call(ops.tensor([-1, 2])); // [0, 2]
 */
export class NonNeg extends Constraint {
  static override className = 'NonNeg';

  call(w: Tensor): Tensor {
    return tidy(() => ops.maximum(w, ops.scalar(0, w.dtype)));
  }
}
