import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from './errors/errors.js';

/**
 * Converts integer class labels to one-hot rows, as `keras.utils.to_categorical`. `numClasses` defaults to
 * the largest label plus one. A trailing axis of size 1 on `y` is dropped first, as Keras does.
 *
 * @example
 * toCategorical(tensor([0, 2, 1])); // [[1,0,0],[0,0,1],[0,1,0]]
 */
export function toCategorical(y: tf.Tensor | number[], numClasses?: number): tf.Tensor {
  const labels = Array.isArray(y) ? y : Array.from(y.dataSync());
  const shape = Array.isArray(y) ? [y.length] : [...y.shape];
  if (shape.length > 1 && shape[shape.length - 1] === 1) shape.pop();
  for (const v of labels) {
    if (!Number.isInteger(v) || v < 0) throw new ValueError(`toCategorical: labels must be non-negative integers, received ${v}.`);
  }
  const n = numClasses ?? (labels.length ? Math.max(...labels) + 1 : 0);
  const maxLabel = labels.length ? Math.max(...labels) : -1;
  if (maxLabel >= n) throw new ValueError(`toCategorical: label ${maxLabel} is out of range for numClasses=${n}.`);
  return tf.tidy(() => tf.reshape(tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), n), 'float32'), [...shape, n]));
}
