/** Keras' compile-time loss resolution (keras/src/trainers/compile_utils.py `get_loss`). */
import { ValueError } from '@strata/core';
import { binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy } from './functions/crossentropy.js';
import { lossFunctionName, type LossFunction } from './function-registry.js';
import { Loss } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';
import { get, type LossIdentifier } from './serialization.js';

/** Shapes of one output's labels and predictions (the batch dimension may be anything). */
export interface TargetShapes {
  yTrueShape?: readonly (number | null)[];
  yPredShape?: readonly (number | null)[];
}

/**
 * Keras' `is_binary_or_sparse_categorical`: binary when `y_pred`'s last dimension is 1; sparse categorical when
 * `y_true` has a lower rank than `y_pred`, or a last dimension of 1 while `y_pred`'s is larger.
 *
 * @example
 * isBinaryOrSparseCategorical([32], [32, 10]); // { isBinary: false, isSparseCategorical: true }
 */
export function isBinaryOrSparseCategorical(yTrueShape: readonly (number | null)[], yPredShape: readonly (number | null)[]): { isBinary: boolean; isSparseCategorical: boolean } {
  const tLast = yTrueShape[yTrueShape.length - 1];
  const pLast = yPredShape[yPredShape.length - 1];
  const isBinary = pLast === 1;
  const isSparseCategorical = yTrueShape.length < yPredShape.length || (tLast === 1 && pLast != null && pLast > 1);
  return { isBinary, isSparseCategorical };
}

/**
 * Resolves `compile`'s `loss` argument for one output to a `Loss`, as Keras' `get_loss`: `'crossentropy'`/`'ce'`
 * picks binary, sparse categorical or categorical crossentropy from the shapes (see
 * {@link isBinaryOrSparseCategorical}); anything else goes through `get`, and a function is wrapped in a
 * `LossFunctionWrapper` named by the string given (`'mse'` stays `'mse'`) or by the function's name.
 *
 * @example
 * resolveLoss('ce', { yTrueShape: [32], yPredShape: [32, 10] }); // sparse categorical crossentropy, named 'ce'
 * resolveLoss('mse'); // LossFunctionWrapper(meanSquaredError), named 'mse'
 */
export function resolveLoss(identifier: LossIdentifier | null | undefined, shapes: TargetShapes = {}): Loss | null {
  if (identifier == null) return null;
  let obj: Loss | LossFunction;
  if (typeof identifier === 'string' && ['crossentropy', 'ce'].includes(identifier.toLowerCase())) {
    const { yTrueShape, yPredShape } = shapes;
    if (!yTrueShape || !yPredShape) {
      throw new ValueError(`Loss "${identifier}" is chosen from the shapes of y_true and y_pred; expected both, received ${JSON.stringify(shapes)}.`);
    }
    const { isBinary, isSparseCategorical } = isBinaryOrSparseCategorical(yTrueShape, yPredShape);
    obj = isBinary ? binaryCrossentropy : isSparseCategorical ? sparseCategoricalCrossentropy : categoricalCrossentropy;
  } else {
    obj = get(identifier);
  }
  if (obj instanceof Loss) return obj;
  const name = typeof identifier === 'string' ? identifier : (lossFunctionName(obj) ?? (obj.name || 'loss_function_wrapper'));
  return new LossFunctionWrapper({ fn: obj, name });
}
