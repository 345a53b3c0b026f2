/**
 * Regression losses (keras/src/losses/losses.py): each returns one value per sample, the mean (or sum) over the
 * last axis. `y_true` and `y_pred` are brought to the same rank first (a trailing 1 is squeezed).
 */
import { ops, tidy, type Tensor } from '@strata/core';
import { EPSILON } from '../epsilon.js';
import { squeezeOrExpandToSameRank } from '../reduction.js';
import { assertBroadcastable } from '../shape.js';
import { castInputs } from './cast-inputs.js';

function prepare(loss: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  const [t, p] = squeezeOrExpandToSameRank(...castInputs(yTrue, yPred));
  assertBroadcastable(loss, t, p);
  return [t, p];
}

/**
 * Mean squared error over the last axis: `mean(square(y_true - y_pred), axis=-1)`.
 *
 * @example
 * meanSquaredError(ops.tensor([[0, 1]]), ops.tensor([[1, 1]])); // [0.5]
 */
export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t, p] = prepare('mean_squared_error', yTrue, yPred);
    return ops.mean(ops.square(ops.sub(t, p)), -1);
  });
}

/**
 * Mean absolute error over the last axis: `mean(abs(y_true - y_pred), axis=-1)`.
 *
 * @example
 * meanAbsoluteError(ops.tensor([[0, 1]]), ops.tensor([[1, 1]])); // [0.5]
 */
export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t, p] = prepare('mean_absolute_error', yTrue, yPred);
    return ops.mean(ops.abs(ops.sub(t, p)), -1);
  });
}

/**
 * Mean absolute percentage error: `100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)`.
 *
 * @example
 * meanAbsolutePercentageError(ops.tensor([[2, 4]]), ops.tensor([[1, 4]])); // [25]
 */
export function meanAbsolutePercentageError(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t, p] = prepare('mean_absolute_percentage_error', yTrue, yPred);
    const diff = ops.abs(ops.div(ops.sub(t, p), ops.maximum(ops.abs(t), EPSILON)));
    return ops.mul(ops.mean(diff, -1), 100);
  });
}

/**
 * Mean squared logarithmic error: `mean(square(log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)), axis=-1)`.
 *
 * @example
 * meanSquaredLogarithmicError(ops.tensor([[1, 2]]), ops.tensor([[1, 3]]));
 */
export function meanSquaredLogarithmicError(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t, p] = prepare('mean_squared_logarithmic_error', yTrue, yPred);
    const first = ops.log(ops.add(ops.maximum(p, EPSILON), 1));
    const second = ops.log(ops.add(ops.maximum(t, EPSILON), 1));
    return ops.mean(ops.square(ops.sub(first, second)), -1);
  });
}

/** `x / ||x||` along `axis`, as Keras' `normalize` (`x * min(rsqrt(sum(x²)), 1/epsilon)`). */
function l2Normalize(x: Tensor, axis: number): Tensor {
  const invNorm = ops.rsqrt(ops.sum(ops.square(x), axis, true));
  return ops.mul(x, ops.minimum(invNorm, 1 / EPSILON));
}

/** Options of {@link cosineSimilarity}. */
export interface CosineSimilarityOptions {
  /** The axis along which the similarity is computed. Defaults to -1. */
  axis?: number;
}

/**
 * Negative cosine similarity along `axis`: `-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)`, so values
 * lie in [-1, 1] and minimising brings the vectors together (Keras 2 called it `cosine_proximity`).
 *
 * @example
 * cosineSimilarity(ops.tensor([[0, 1]]), ops.tensor([[0, 2]])); // [-1]
 */
export function cosineSimilarity(yTrue: Tensor, yPred: Tensor, options: CosineSimilarityOptions = {}): Tensor {
  const axis = options.axis ?? -1;
  return tidy(() => {
    const [t, p] = prepare('cosine_similarity', yTrue, yPred);
    return ops.neg(ops.sum(ops.mul(l2Normalize(t, axis), l2Normalize(p, axis)), axis));
  });
}

/** Options of {@link huber}. */
export interface HuberOptions {
  /** Where the loss changes from quadratic to linear. Defaults to 1. */
  delta?: number;
}

/**
 * Huber loss: `0.5 * e²` where `|e| <= delta`, else `delta * |e| - 0.5 * delta²`, averaged over the last axis.
 *
 * @example
 * huber(ops.tensor([[0, 0]]), ops.tensor([[0.5, 3]])); // [(0.125 + 2.5) / 2]
 */
export function huber(yTrue: Tensor, yPred: Tensor, options: HuberOptions = {}): Tensor {
  const delta = options.delta ?? 1;
  return tidy(() => {
    const [t, p] = prepare('huber', yTrue, yPred);
    const error = ops.sub(p, t);
    const absError = ops.abs(error);
    const quadratic = ops.mul(ops.square(error), 0.5);
    const linear = ops.sub(ops.mul(absError, delta), 0.5 * delta * delta);
    // |e| < delta, from `step` (which has a gradient) rather than a comparison (which tfjs cannot differentiate
    // through); at |e| = delta both branches give delta² / 2.
    const isQuadratic = ops.cast(ops.step(ops.sub(delta, absError)), 'bool');
    return ops.mean(ops.where(isQuadratic, quadratic, linear), -1);
  });
}

/**
 * Logarithm of the hyperbolic cosine of the error, averaged over the last axis, computed stably as
 * `x + softplus(-2x) - log(2)` (Keras 2 called it `logcosh`).
 *
 * @example
 * logCosh(ops.tensor([[0, 0]]), ops.tensor([[1, -1]])); // [log(cosh(1))]
 */
export function logCosh(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t, p] = prepare('log_cosh', yTrue, yPred);
    const x = ops.sub(p, t);
    return ops.mean(ops.sub(ops.add(x, ops.softplus(ops.mul(x, -2))), Math.log(2)), -1);
  });
}
