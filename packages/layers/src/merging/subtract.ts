import { ops, ValueError, type Tensor } from '@strata/core';
import type { ShapeStructure } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { Merge, type MergeArgs } from './merge.js';

/** Options of `Subtract`. */
export type SubtractArgs = MergeArgs;

/**
 * Subtracts the second of exactly two inputs from the first, as `keras.layers.Subtract`.
 *
 * Input shape: two shapes that broadcast. Output shape: their broadcast shape.
 *
 * @example
 * new Subtract().apply([ops.ones([2, 3]), ops.ones([2, 3])]); // every value 0
 */
export class Subtract extends Merge {
  static override className = 'Subtract';

  override build(inputShape: ShapeStructure | null): void {
    super.build(inputShape);
    if ((inputShape as unknown[]).length !== 2) {
      throw new ValueError(`A Subtract layer should be called on exactly 2 inputs. Layer "${this.name}" received: input_shape=${JSON.stringify(inputShape)}`);
    }
  }

  protected override mergeFunction(inputs: Tensor[]): Tensor {
    if (inputs.length !== 2) {
      throw new ValueError(`A Subtract layer should be called on exactly 2 inputs. Layer "${this.name}" received ${inputs.length} inputs.`);
    }
    return ops.sub(inputs[0]!, inputs[1]!);
  }
}
registerLayer(Subtract);
