/**
 * Keras 3's newer activations (`keras.activations`): celu, glu, hard/soft/tanh shrink, sparse_plus,
 * sparse_sigmoid, squareplus, sparsemax and threshold.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cumsum } from '../ops/cumulative.js';

type T = tf.Tensor;

/** `max(x, 0) + min(0, alpha · (exp(x / alpha) − 1))`. */
export function celu(x: T, alpha = 1.0): T {
  return tf.tidy(() => tf.add(tf.relu(x), tf.mul(tf.expm1(tf.div(tf.minimum(x, 0), alpha)), alpha)));
}

/** Gated linear unit: splits `axis` in halves `a`, `b` and returns `a · sigmoid(b)`. */
export function glu(x: T, axis = -1): T {
  const ax = axis < 0 ? axis + x.rank : axis;
  const size = x.shape[ax]!;
  if (size % 2 !== 0) throw new Error(`glu expects an even size along axis ${axis}, received shape [${x.shape.join(', ')}].`);
  return tf.tidy(() => {
    const [a, b] = tf.split(x, 2, ax);
    return tf.mul(a!, tf.sigmoid(b!));
  });
}

/** `x` where `|x| > threshold`, else 0. */
export function hardShrink(x: T, threshold = 0.5): T {
  return tf.tidy(() => tf.mul(x, tf.cast(tf.greater(tf.abs(x), threshold), x.dtype)));
}

/** `x − threshold` above it, `x + threshold` below `−threshold`, else 0. */
export function softShrink(x: T, threshold = 0.5): T {
  return tf.tidy(() => tf.sub(tf.relu(tf.sub(x, threshold)), tf.relu(tf.sub(tf.neg(x), threshold))));
}

/** `x − tanh(x)`. */
export function tanhShrink(x: T): T {
  return tf.tidy(() => tf.sub(x, tf.tanh(x)));
}

/** 0 for `x ≤ −1`, `x` for `x ≥ 1`, `(x + 1)² / 4` between. */
export function sparsePlus(x: T): T {
  return tf.tidy(() => {
    const mid = tf.div(tf.square(tf.add(tf.clipByValue(x, -1, 1), 1)), 4);
    return tf.add(mid, tf.relu(tf.sub(x, 1)));
  });
}

/** `clip((x + 1) / 2, 0, 1)`. */
export function sparseSigmoid(x: T): T {
  return tf.tidy(() => tf.mul(tf.clipByValue(tf.add(x, 1), 0, 2), 0.5));
}

/** `(x + sqrt(x² + b)) / 2`. */
export function squareplus(x: T, b = 4): T {
  return tf.tidy(() => tf.div(tf.add(x, tf.sqrt(tf.add(tf.square(x), b))), 2));
}

/** `x` where `x > threshold`, else `defaultValue`. */
export function threshold(x: T, thresholdValue: number, defaultValue: number): T {
  return tf.tidy(() => tf.where(tf.greater(x, thresholdValue), x, tf.fill(x.shape, defaultValue, x.dtype)));
}

/**
 * Sparsemax along `axis`: the Euclidean projection onto the simplex. The support threshold is found from the sorted
 * values; the output is then `relu(x − τ)` with `τ` recomputed from `x` over the support, so gradients are exact.
 */
export function sparsemax(x: T, axis = -1): T {
  const ax = axis < 0 ? axis + x.rank : axis;
  return tf.tidy(() => {
    const perm = [...Array(x.rank).keys()];
    perm[ax] = x.rank - 1;
    perm[x.rank - 1] = ax;
    const z = ax === x.rank - 1 ? x : tf.transpose(x, perm);
    // The support is piecewise constant in z: find it without recording a gradient (TopK has none in tfjs).
    const inSupport = supportMask(z);
    const tau = tf.div(tf.sub(tf.sum(tf.mul(z, inSupport), -1, true), 1), tf.sum(inSupport, -1, true));
    const out = tf.relu(tf.sub(z, tau));
    return ax === x.rank - 1 ? out : tf.transpose(out, perm);
  });
}

/** 1 where `z` is in sparsemax's support along the last axis, else 0; its gradient is zero. */
const supportMask = tf.customGrad(((z: tf.Tensor) => {
  const mask = tf.tidy(() => {
    const n = z.shape[z.rank - 1]!;
    const sorted = tf.topk(z, n).values;
    const k = tf.range(1, n + 1, 1, 'float32');
    const support = tf.cast(tf.greater(tf.add(tf.mul(sorted, k), 1), cumsum(sorted, -1)), 'float32');
    const tau0 = tf.div(tf.sub(tf.sum(tf.mul(sorted, support), -1, true), 1), tf.sum(support, -1, true));
    return tf.cast(tf.greater(z, tf.sub(tau0, 1e-7)), 'float32');
  });
  return { value: mask, gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy)] };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (z: tf.Tensor) => tf.Tensor;
