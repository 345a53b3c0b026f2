import * as tf from '@tensorflow/tfjs-core';

/**
 * `a / b`, with 0 where `b` is 0 (Keras' `ops.divide_no_nan`). Written with `where` so it runs on every backend
 * (tfjs-backend-wasm has no `DivNoNan` kernel) and has no NaN gradient at `b = 0`.
 *
 * @example
 * divideNoNan(tensor([1, 2]), tensor([0, 4])); // [0, 0.5]
 */
export function divideNoNan(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const zero = tf.equal(b, 0);
    const q = tf.div(a, tf.where(zero, tf.onesLike(b), b));
    return tf.where(zero, tf.zerosLike(q), q);
  });
}
