/** Kullback-Leibler divergence and Poisson loss (keras/src/losses/losses.py). */
import { ops, tidy, type Tensor } from '@strata/core';
import { EPSILON } from '../epsilon.js';
import { assertBroadcastable } from '../shape.js';
import { castInputs } from './cast-inputs.js';

/**
 * Kullback-Leibler divergence `sum(y_true * log(y_true / y_pred), axis=-1)`, both clipped to `[epsilon, 1]`
 * (aliases `kld`, and Keras 2's `kullback_leibler_divergence`).
 *
 * @example
 * klDivergence(ops.tensor([[0.5, 0.5]]), ops.tensor([[0.9, 0.1]]));
 */
export function klDivergence(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t0, p0] = castInputs(yTrue, yPred);
    assertBroadcastable('kl_divergence', t0, p0);
    const t = ops.clipByValue(t0, EPSILON, 1);
    const p = ops.clipByValue(p0, EPSILON, 1);
    return ops.sum(ops.mul(t, ops.log(ops.div(t, p))), -1);
  });
}

/**
 * Poisson loss `mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)`.
 *
 * @example
 * poisson(ops.tensor([[1, 2]]), ops.tensor([[1, 1]])); // [(1 + 1) / 2]
 */
export function poisson(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const [t, p] = castInputs(yTrue, yPred);
    assertBroadcastable('poisson', t, p);
    return ops.mean(ops.sub(p, ops.mul(t, ops.log(ops.add(p, EPSILON)))), -1);
  });
}
