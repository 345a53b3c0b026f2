import { ops, standardizeDtype, type DataType, type Tensor } from '@strata/core';
import { Initializer } from './initializer.js';

/**
 * Fills with 1, as `keras.initializers.Ones`. Any dtype.
 *
 * @example
 * new Ones().call([4], 'int32'); // [1, 1, 1, 1]
 */
export class Ones extends Initializer {
  static override className = 'Ones';

  call(shape: number[], dtype?: DataType): Tensor {
    return ops.ones(shape, standardizeDtype(dtype));
  }
}
