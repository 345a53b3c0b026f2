/**
 * Keras 3 activation functions (`keras.activations`), computed with tfjs ops so gradients flow through them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { logSoftmax as logSoftmaxOp, softmax as softmaxOp } from '../ops/softmax.js';

type T = tf.Tensor;

/** Options of Keras' general `relu`. */
export interface ReluOptions {
  negativeSlope?: number;
  maxValue?: number | null;
  threshold?: number;
}

/**
 * `relu(x)`, or Keras' general form with `negativeSlope`, `maxValue` and `threshold`.
 *
 * @example
 * relu(tensor([-1, 0.5, 8]), { maxValue: 6 }); // [0, 0.5, 6]
 */
export function relu(x: T, opts: ReluOptions = {}): T {
  const { negativeSlope = 0, maxValue = null, threshold = 0 } = opts;
  if (negativeSlope === 0 && maxValue == null && threshold === 0) return tf.relu(x);
  return tf.tidy(() => {
    if (negativeSlope !== 0 && maxValue == null && threshold === 0) return tf.leakyRelu(x, negativeSlope);
    let negativePart: T | null = null;
    if (negativeSlope !== 0) negativePart = tf.relu(threshold !== 0 ? tf.add(tf.neg(x), threshold) : tf.neg(x));
    let clipMax = maxValue != null;
    let y: T;
    if (threshold !== 0) y = tf.mul(x, tf.step(tf.sub(x, threshold)));
    else if (maxValue === 6) {
      y = tf.relu6(x);
      clipMax = false;
    } else y = tf.relu(x);
    if (clipMax) y = tf.clipByValue(y, 0, maxValue!);
    if (negativePart) y = tf.sub(y, tf.mul(negativePart, negativeSlope));
    return y;
  });
}

/** `min(max(x, 0), 6)`. */
export function relu6(x: T): T {
  return tf.relu6(x);
}

/** `x` where positive, `negativeSlope · x` elsewhere (Keras' default slope 0.2). */
export function leakyRelu(x: T, negativeSlope = 0.2): T {
  return tf.leakyRelu(x, negativeSlope);
}

/** `x` where positive, `alpha · (exp(x) − 1)` elsewhere. */
export function elu(x: T, alpha = 1.0): T {
  if (alpha === 1) return tf.elu(x);
  // relu(x) + alpha · elu(min(x, 0)): differentiable everywhere tfjs has gradients.
  return tf.tidy(() => tf.add(tf.relu(x), tf.mul(tf.elu(tf.minimum(x, 0)), alpha)));
}

/** Scaled ELU: `scale · elu(x, alpha)` with Keras' constants (alpha 1.6732632, scale 1.0507010). */
export function selu(x: T): T {
  return tf.selu(x);
}

/** `log(exp(x) + 1)`. */
export function softplus(x: T): T {
  return tf.softplus(x);
}

/** `x / (|x| + 1)`. */
export function softsign(x: T): T {
  return tf.tidy(() => tf.div(x, tf.add(tf.abs(x), 1)));
}

/** `x · sigmoid(x)` (also called swish). */
export function silu(x: T): T {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}

/** Gaussian error linear unit; `approximate` uses the tanh form. */
export function gelu(x: T, approximate = false): T {
  return tf.tidy(() => {
    if (approximate) {
      const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
    }
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
  });
}

/** `tanh(x)`. */
export function tanh(x: T): T {
  return tf.tanh(x);
}

/** `1 / (1 + exp(−x))`. */
export function sigmoid(x: T): T {
  return tf.sigmoid(x);
}

/** `exp(x)`. */
export function exponential(x: T): T {
  return tf.exp(x);
}

/** Keras 3's `relu6(x + 3) / 6` (Keras 2 used `0.2·x + 0.5`). */
export function hardSigmoid(x: T): T {
  return tf.tidy(() => tf.div(tf.relu6(tf.add(x, 3)), 6));
}

/** `x · hard_sigmoid(x)` (also called hard_swish). */
export function hardSilu(x: T): T {
  return tf.tidy(() => tf.mul(x, hardSigmoid(x)));
}

/** The identity (a recorded copy, so it differentiates on its own like Keras' `linear`). */
export function linear(x: T): T {
  return tf.clone(x);
}

/** `x · tanh(softplus(x))`. */
export function mish(x: T): T {
  return tf.tidy(() => tf.mul(x, tf.tanh(tf.softplus(x))));
}

/** Softmax along `axis` (default −1). */
export function softmax(x: T, axis = -1): T {
  return softmaxOp(x, axis);
}

/** Log-softmax along `axis` (default −1). */
export function logSoftmax(x: T, axis = -1): T {
  return logSoftmaxOp(x, axis);
}

/** `log(sigmoid(x))`. */
export function logSigmoid(x: T): T {
  // −softplus(−x): tfjs' logSigmoid gradient fails under some compositions.
  return tf.tidy(() => tf.neg(tf.softplus(tf.neg(x))));
}

/** `clip(x, −1, 1)`. */
export function hardTanh(x: T): T {
  return tf.clipByValue(x, -1, 1);
}
