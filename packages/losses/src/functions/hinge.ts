/**
 * Hinge losses (keras/src/losses/losses.py). `hinge` and `squared_hinge` expect labels in {-1, 1}; labels in {0, 1}
 * are converted to {-1, 1} first (decided on the data, without reading it back to the host).
 */
import { ops, tidy, type Tensor } from '@strata/core';
import { squeezeOrExpandToSameRank } from '../reduction.js';
import { assertBroadcastable } from '../shape.js';
import { castInputs } from './cast-inputs.js';

/** `2·y − 1` when every label is 0 or 1, else `y` unchanged (Keras' `convert_binary_labels_to_hinge`). */
function toHingeLabels(yTrue: Tensor): Tensor {
  const isBinary = ops.cast(ops.all(ops.logicalOr(ops.equal(yTrue, 0), ops.equal(yTrue, 1))), yTrue.dtype);
  // isBinary = 1 gives 2y − 1; isBinary = 0 gives y exactly.
  return ops.sub(ops.mul(yTrue, ops.add(isBinary, 1)), isBinary);
}

function margins(loss: string, yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = castInputs(yTrue, yPred);
  assertBroadcastable(loss, t, p);
  return ops.maximum(ops.sub(1, ops.mul(toHingeLabels(t), p)), 0);
}

/**
 * Hinge loss: `mean(maximum(1 - y_true * y_pred, 0), axis=-1)`; labels in {0, 1} are mapped to {-1, 1}.
 *
 * @example
 * hinge(ops.tensor([[1, -1]]), ops.tensor([[0.3, 0.4]])); // [(0.7 + 1.4) / 2]
 */
export function hinge(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => ops.mean(margins('hinge', yTrue, yPred), -1));
}

/**
 * Squared hinge loss: `mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)`; labels in {0, 1} are mapped to
 * {-1, 1}.
 *
 * @example
 * squaredHinge(ops.tensor([[1, -1]]), ops.tensor([[0.3, 0.4]])); // [(0.49 + 1.96) / 2]
 */
export function squaredHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => ops.mean(ops.square(margins('squared_hinge', yTrue, yPred)), -1));
}

/**
 * Categorical hinge loss: `maximum(neg - pos + 1, 0)` with `pos = sum(y_true * y_pred)` and
 * `neg = max((1 - y_true) * y_pred)` over the last axis; `y_true` is one-hot.
 *
 * @example
 * categoricalHinge(ops.tensor([[0, 1]]), ops.tensor([[0.2, 0.7]])); // [max(0.2 - 0.7 + 1, 0)] = [0.5]
 */
export function categoricalHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t, p] = castInputs(yTrue, yPred);
    assertBroadcastable('categorical_hinge', t, p);
    const pos = ops.sum(ops.mul(t, p), -1);
    const neg = ops.max(ops.mul(ops.sub(1, t), p), -1);
    return ops.maximum(ops.add(ops.sub(neg, pos), 1), 0);
  });
}
