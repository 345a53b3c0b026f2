import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { broadcastMask, Merge, type MergeArgs } from './merge.js';

/** Options of `Multiply`. */
export type MultiplyArgs = MergeArgs;

/**
 * Multiplies a list of inputs element-wise, as `keras.layers.Multiply`. Masked positions of an input count as 1;
 * when every input is masked, positions masked in all of them are 0.
 *
 * Input shape: a list of shapes that broadcast. Output shape: their broadcast shape.
 *
 * @example
 * new Multiply().apply([ops.fill([2, 3], 2), ops.fill([2, 3], 3)]); // every value 6
 */
export class Multiply extends Merge {
  static override className = 'Multiply';

  protected override mergeFunction(inputs: Tensor[], masks: Array<Tensor | null>): Tensor {
    const allMasked = masks.every((m) => m !== null);
    let output: Tensor | null = null;
    let outputMask: Tensor | null = null;
    inputs.forEach((input, i) => {
      let x = input;
      const m = masks[i];
      if (m) {
        const mask = broadcastMask(m, x);
        x = ops.where(mask, x, ops.scalar(1, x.dtype));
        if (allMasked) outputMask = outputMask ? ops.logicalOr(outputMask, mask) : mask;
      }
      output = output ? ops.mul(output, x) : x;
    });
    if (allMasked && outputMask) output = ops.where(outputMask, output!, ops.scalar(0, output!.dtype));
    return output!;
  }
}
registerLayer(Multiply);
