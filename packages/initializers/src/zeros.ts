import { ops, standardizeDtype, type DataType, type Tensor } from '@strata/core';
import { Initializer } from './initializer.js';

/**
 * Fills with 0, as `keras.initializers.Zeros` (the default bias initializer). Any dtype.
 *
 * @example
 * new Zeros().call([2, 3]); // a [2, 3] float32 tensor of zeros
 */
export class Zeros extends Initializer {
  static override className = 'Zeros';

  call(shape: number[], dtype?: DataType): Tensor {
    return ops.zeros(shape, standardizeDtype(dtype));
  }
}
