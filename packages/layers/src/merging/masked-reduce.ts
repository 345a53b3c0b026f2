import { ops, type Tensor } from '@strata/core';
import { broadcastMask } from './merge.js';

/**
 * Folds `op` (maximum, minimum) over `inputs`, as Keras' `Merge._apply_merge_op_and_or_mask`: where an input is
 * masked it takes the running result's value, and where the running result is masked it takes the input's, so
 * masked positions never win.
 */
export function reduceWithMasks(op: (a: Tensor, b: Tensor) => Tensor, inputs: Tensor[], masks: Array<Tensor | null>): Tensor {
  let output: Tensor | null = null;
  let outputMask: Tensor | null = null;
  inputs.forEach((input, i) => {
    let x = input;
    const mask = masks[i] ? broadcastMask(masks[i]!, x) : null;
    if (output === null) {
      output = x;
      outputMask = mask;
      return;
    }
    if (mask) x = ops.where(mask, x, output);
    if (outputMask) output = ops.where(outputMask, output, x);
    outputMask = mask && outputMask ? ops.logicalOr(outputMask, mask) : null;
    output = op(output, x);
  });
  return output!;
}
