import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { Merge, type MergeArgs } from './merge.js';

/** Options of `Add`. */
export type AddArgs = MergeArgs;

/**
 * Adds a list of inputs element-wise, as `keras.layers.Add`. The shapes must broadcast together.
 *
 * Input shape: a list of shapes that broadcast. Output shape: their broadcast shape.
 *
 * @example
 * new Add().apply([ops.ones([2, 3]), ops.ones([2, 3])]); // every value 2
 */
export class Add extends Merge {
  static override className = 'Add';

  protected override mergeFunction(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => ops.add(acc, x), inputs[0]!);
  }
}
registerLayer(Add);
