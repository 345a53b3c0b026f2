import * as tf from '@tensorflow/tfjs-core';
import { canRunFast } from '../gradients/fast/dispatch.js';

/** The fused kernel of `@strata/backend-wasm` (its gradient is registered in gradients/fast/batch-norm-gradients.ts). */
export const BATCH_NORM_TRAINING_KERNEL = 'StrataBatchNormTraining';

/** Options of {@link batchNormTraining}. */
export interface BatchNormTrainingArgs {
  /** The axes the batch statistics are taken over (Keras' reduction axes: every axis but the feature axes). */
  axes: number[];
  /** Multiplies the normalized values; the shape of `x` without `axes`. Default: none (1). */
  gamma?: tf.Tensor | null;
  /** Added after the multiplication; the shape of `x` without `axes`. Default: none (0). */
  beta?: tf.Tensor | null;
  /** Added to the variance before its square root (default 1e-3, Keras' BatchNormalization default). */
  epsilon?: number;
}

/** What {@link batchNormTraining} returns. */
export interface BatchNormTrainingResult {
  /** `gamma · (x − mean) / sqrt(variance + epsilon) + beta`, the shape of `x`. */
  output: tf.Tensor;
  /** The batch mean over `axes`, the shape of `x` without `axes`. */
  mean: tf.Tensor;
  /** The batch variance over `axes` (biased, as `moments`), the shape of `mean`. */
  variance: tf.Tensor;
}

/**
 * Batch normalization in training mode, as one op: the batch moments over `axes`, then Keras'
 * `x · inv + (beta − mean · inv)` with `inv = gamma / sqrt(variance + epsilon)`. With the features on the last axis,
 * on a backend with Strata's fused kernels (wasm, fast kernels on), it runs as one kernel of three passes over `x`,
 * and its gradient as one kernel of two passes over `dy` and `x` that gives `dx`, `dgamma` and `dbeta` together
 * (instead of the two dozen elementwise kernels and reductions of differentiating the formula); elsewhere it is the
 * formula, differentiated by tfjs. Either way gradients also flow through the returned `mean` and `variance`, and
 * second derivatives work.
 *
 * @example
 * const { output, mean, variance } = ops.batchNormTraining(x, { axes: [0, 1, 2], gamma, beta, epsilon: 1e-3 });
 */
export function batchNormTraining(x: tf.Tensor, args: BatchNormTrainingArgs): BatchNormTrainingResult {
  const epsilon = args.epsilon ?? 1e-3;
  const axes = normalizeAxes(x.rank, args.axes);
  const featureShape = x.shape.filter((_, i) => !axes.includes(i));
  for (const [name, t] of [['gamma', args.gamma], ['beta', args.beta]] as const) {
    if (t != null && t.shape.join() !== featureShape.join()) {
      throw new Error(`batchNormTraining: expected ${name} of shape [${featureShape}] (x [${x.shape}] without axes [${axes}]), received [${t.shape}].`);
    }
  }
  const lastAxisFeatures = x.rank >= 2 && axes.length === x.rank - 1 && axes.every((a, i) => a === i);
  return tf.tidy(() => {
    if (lastAxisFeatures && canRunFast(BATCH_NORM_TRAINING_KERNEL, x)) {
      const gamma = args.gamma ?? tf.ones(featureShape);
      const beta = args.beta ?? tf.zeros(featureShape);
      const [output, mean, variance] = tf.engine().runKernel(BATCH_NORM_TRAINING_KERNEL, { x, gamma, beta }, { epsilon }) as tf.Tensor[];
      return { output: output!, mean: mean!, variance: variance! };
    }
    const keepShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const { mean, variance } = tf.moments(x, axes, true);
    // As Keras' batch_normalization: x · inv + (beta − mean · inv), inv = gamma / sqrt(variance + epsilon).
    let inv = tf.rsqrt(tf.add(variance, tf.scalar(epsilon)));
    if (args.gamma) inv = tf.mul(inv, tf.reshape(args.gamma, keepShape));
    let res = tf.mul(tf.neg(mean), inv);
    if (args.beta) res = tf.add(res, tf.reshape(args.beta, keepShape));
    return { output: tf.add(tf.mul(x, inv), res), mean: tf.reshape(mean, featureShape), variance: tf.reshape(variance, featureShape) };
  });
}

/** Non-negative, sorted, distinct axes of a rank-`rank` tensor. */
function normalizeAxes(rank: number, axes: number[]): number[] {
  const out = axes.map((a) => {
    const r = a < 0 ? a + rank : a;
    if (!Number.isInteger(r) || r < 0 || r >= rank) throw new Error(`batchNormTraining: expected axes within rank ${rank}, received [${axes}].`);
    return r;
  });
  return [...new Set(out)].sort((a, b) => a - b);
}

/**
 * The gradient of batch normalization over `axes` as eight kernels over the size of `x` (`mean`, `variance`, `gamma`
 * or null, `dmean` and `dvariance` broadcast against `x`): with `r = 1 / sqrt(variance + ε)` and `n` the positions per
 * feature, `dx = γr · dy + b · (x − mean) + c`, `b = (2 dvariance − γr³ Σ dy·(x − mean)) / n`,
 * `c = (dmean − γr Σ dy) / n`; `dgamma = r Σ dy·(x − mean)` and `dbeta = Σ dy`, with keepDims shapes. Differentiable.
 */
export function batchNormGradComposed(
  dy: tf.Tensor, x: tf.Tensor, stats: { mean: tf.Tensor; variance: tf.Tensor; dmean: tf.Tensor; dvariance: tf.Tensor },
  gamma: tf.Tensor | null, axes: number[], epsilon: number,
): { dx: tf.Tensor; dgamma: tf.Tensor; dbeta: tf.Tensor } {
  const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
  const xc = tf.sub(x, stats.mean);
  const sumDy = tf.sum(dy, axes, true);
  const sumDyXc = tf.sum(tf.mul(dy, xc), axes, true);
  const r = tf.rsqrt(tf.add(stats.variance, tf.scalar(epsilon)));
  const gr = gamma ? tf.mul(gamma, r) : r;
  const perRow = tf.scalar(1 / n);
  const b = tf.mul(tf.sub(tf.mul(stats.dvariance, tf.scalar(2)), tf.mul(tf.mul(gr, tf.square(r)), sumDyXc)), perRow);
  const c = tf.mul(tf.sub(stats.dmean, tf.mul(gr, sumDy)), perRow);
  const dx = tf.add(tf.add(tf.mul(gr, dy), tf.mul(b, xc)), c);
  return { dx, dgamma: tf.mul(r, sumDyXc), dbeta: sumDy };
}
