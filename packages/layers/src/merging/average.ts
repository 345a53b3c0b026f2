import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { Merge, type MergeArgs } from './merge.js';

/** Options of `Average`. */
export type AverageArgs = MergeArgs;

/**
 * Averages a list of inputs element-wise, as `keras.layers.Average`.
 *
 * Input shape: a list of shapes that broadcast. Output shape: their broadcast shape.
 *
 * @example
 * new Average().apply([ops.ones([2, 3]), ops.zeros([2, 3])]); // every value 0.5
 */
export class Average extends Merge {
  static override className = 'Average';

  protected override mergeFunction(inputs: Tensor[]): Tensor {
    const sum = inputs.slice(1).reduce((acc, x) => ops.add(acc, x), inputs[0]!);
    return ops.div(sum, ops.scalar(inputs.length, sum.dtype));
  }
}
registerLayer(Average);
