import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { Merge, type MergeArgs } from './merge.js';
import { reduceWithMasks } from './masked-reduce.js';

/** Options of `Minimum`. */
export type MinimumArgs = MergeArgs;

/**
 * The element-wise minimum of a list of inputs, as `keras.layers.Minimum`. Masked positions of an input are ignored
 * (they take the other inputs' values).
 *
 * Input shape: a list of shapes that broadcast. Output shape: their broadcast shape.
 *
 * @example
 * new Minimum().apply([ops.tensor([[1, 5]]), ops.tensor([[3, 2]])]); // [[1, 2]]
 */
export class Minimum extends Merge {
  static override className = 'Minimum';

  protected override mergeFunction(inputs: Tensor[], masks: Array<Tensor | null>): Tensor {
    return reduceWithMasks(ops.minimum, inputs, masks);
  }
}
registerLayer(Minimum);
