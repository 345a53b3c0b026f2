/**
 * Focal crossentropies (keras/src/losses/losses.py): crossentropy scaled by `(1 - p_t)^gamma`, which down-weights
 * well-classified examples, optionally balanced by `alpha`.
 */
import { ValueError, ops, tidy, type Tensor } from '@strata/core';
import { EPSILON } from '../epsilon.js';
import { assertBroadcastable, canonicalizeAxis } from '../shape.js';
import { castInputs } from './cast-inputs.js';
import { elementwiseBinaryCrossentropy } from './crossentropy.js';

/** Options of {@link binaryFocalCrossentropy}. */
export interface BinaryFocalCrossentropyOptions {
  /** Weight positives by `alpha` and negatives by `1 - alpha`. Defaults to false. */
  applyClassBalancing?: boolean;
  /** The balancing weight of the positive class. Defaults to 0.25. */
  alpha?: number;
  /** The focusing exponent; 0 gives plain binary crossentropy. Defaults to 2. */
  gamma?: number;
  /** Whether `y_pred` holds logits. Defaults to false. */
  fromLogits?: boolean;
  /** Smooths labels towards 0.5. Defaults to 0. */
  labelSmoothing?: number;
  /** The axis the mean runs along. Defaults to -1. */
  axis?: number;
}

/**
 * Binary focal crossentropy: `mean((1 - p_t)^gamma * bce, axis)` with `p_t = y·p + (1 - y)(1 - p)`, times
 * `y·alpha + (1 - y)(1 - alpha)` when `applyClassBalancing`.
 *
 * @example
 * binaryFocalCrossentropy(ops.tensor([[0, 1]]), ops.tensor([[0.4, 0.6]]), { gamma: 2 });
 */
export function binaryFocalCrossentropy(yTrue: Tensor, yPred: Tensor, options: BinaryFocalCrossentropyOptions = {}): Tensor {
  const { applyClassBalancing = false, alpha = 0.25, gamma = 2, fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  return tidy(() => {
    let [t, p] = castInputs(yTrue, yPred);
    if (labelSmoothing) t = ops.add(ops.mul(t, 1 - labelSmoothing), 0.5 * labelSmoothing);
    if (fromLogits) p = ops.sigmoid(p);
    const bce = elementwiseBinaryCrossentropy('binary_focal_crossentropy', t, p, false);
    const notT = ops.sub(1, t);
    const pT = ops.add(ops.mul(t, p), ops.mul(notT, ops.sub(1, p)));
    let focal = ops.mul(ops.pow(ops.sub(1, pT), gamma), bce);
    if (applyClassBalancing) focal = ops.mul(ops.add(ops.mul(t, alpha), ops.mul(notT, 1 - alpha)), focal);
    return ops.mean(focal, axis);
  });
}

/** Options of {@link categoricalFocalCrossentropy}. */
export interface CategoricalFocalCrossentropyOptions {
  /** A weighting factor applied to every class. Defaults to 0.25. */
  alpha?: number;
  /** The focusing exponent. Defaults to 2. */
  gamma?: number;
  /** Whether `y_pred` holds logits. Defaults to false. */
  fromLogits?: boolean;
  /** Smooths labels towards `1 / num_classes`. Defaults to 0. */
  labelSmoothing?: number;
  /** The class axis. Defaults to -1. */
  axis?: number;
}

/**
 * Categorical focal crossentropy: `sum(alpha * (1 - p)^gamma * -y_true * log(p), axis)` with `p` renormalised
 * and clipped to `[epsilon, 1 - epsilon]` (softmax first when `fromLogits`).
 *
 * @example
 * categoricalFocalCrossentropy(ops.tensor([[0, 1, 0]]), ops.tensor([[0.1, 0.8, 0.1]]));
 */
export function categoricalFocalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CategoricalFocalCrossentropyOptions = {}): Tensor {
  const { alpha = 0.25, gamma = 2, fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  if (typeof axis !== 'number') throw new ValueError(`\`axis\` must be of type \`int\`. Received: axis=${String(axis)}`);
  return tidy(() => {
    let [t, p] = castInputs(yTrue, yPred);
    if (labelSmoothing) {
      const numClasses = t.shape[t.rank - 1]!;
      t = ops.add(ops.mul(t, 1 - labelSmoothing), labelSmoothing / numClasses);
    }
    assertBroadcastable('categorical_focal_crossentropy', t, p);
    const ax = canonicalizeAxis('categorical_focal_crossentropy', axis, p.rank);
    if (fromLogits) p = ops.softmax(p, ax);
    const output = ops.clipByValue(ops.div(p, ops.sum(p, ax, true)), EPSILON, 1 - EPSILON);
    const cce = ops.mul(ops.neg(t), ops.log(output));
    const weighting = ops.mul(ops.pow(ops.sub(1, output), gamma), alpha);
    return ops.sum(ops.mul(weighting, cce), ax);
  });
}
