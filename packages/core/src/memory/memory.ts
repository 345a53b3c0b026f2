import * as tf from '@tensorflow/tfjs-core';

/** Number of tensors alive on the engine; tests compare it before and after a call to find leaks. */
export function numTensors(): number {
  return tf.memory().numTensors;
}

export { tidy, dispose, keep, memory, engine } from '@tensorflow/tfjs-core';
