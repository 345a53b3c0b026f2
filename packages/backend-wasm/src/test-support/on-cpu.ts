// Runs `fn` on tfjs' cpu backend (the reference the wasm kernels are compared with), then switches back to wasm.
import * as tf from '@tensorflow/tfjs-core';

/** `fn()` evaluated on the cpu backend; the wasm backend is active again afterwards, also when `fn` throws. */
export async function onCpu<T>(fn: () => T): Promise<T> {
  await tf.setBackend('cpu');
  try {
    return fn();
  } finally {
    await tf.setBackend('wasm');
  }
}
