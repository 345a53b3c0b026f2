import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { Merge, type MergeArgs } from './merge.js';
import { reduceWithMasks } from './masked-reduce.js';

/** Options of `Maximum`. */
export type MaximumArgs = MergeArgs;

/**
 * The element-wise maximum of a list of inputs, as `keras.layers.Maximum`. Masked positions of an input are ignored
 * (they take the other inputs' values).
 *
 * Input shape: a list of shapes that broadcast. Output shape: their broadcast shape.
 *
 * @example
 * new Maximum().apply([ops.tensor([[1, 5]]), ops.tensor([[3, 2]])]); // [[3, 5]]
 */
export class Maximum extends Merge {
  static override className = 'Maximum';

  protected override mergeFunction(inputs: Tensor[], masks: Array<Tensor | null>): Tensor {
    return reduceWithMasks(ops.maximum, inputs, masks);
  }
}
registerLayer(Maximum);
