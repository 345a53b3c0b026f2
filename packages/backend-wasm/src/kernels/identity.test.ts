import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '@strata/test-utils';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';

describe('Identity on wasm (a shared reference, not a copy)', () => {
  it('returns the same data without allocating, and each reference outlives the other', () => {
    const x = tf.tensor([1, 2, 3, 4]);
    const buffers = tf.backend().numDataIds();
    const y = tf.clone(x);
    expect(tf.backend().numDataIds(), 'no new buffer').toBe(buffers);
    expect(y.dataId === x.dataId || tf.backend().refCount(x.dataId) >= 1).toBe(true);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    y.dispose();
    expect(tf.backend().numDataIds()).toBe(buffers - 1);
  });

  it('saving inputs for a gradient no longer copies them', () => {
    const x = tf.randomUniform([64, 64], -1, 1);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.relu(a)));
    const buffers = tf.backend().numDataIds();
    const dx = g(x);
    expect(tf.backend().numDataIds() - buffers).toBe(1);
    expect(Array.from(dx.dataSync())).toEqual(Array.from(x.dataSync()).map((v) => (v > 0 ? 1 : 0)));
    tf.dispose([x, dx]);
  });

  it('copies, as tfjs-backend-wasm does, while the fast kernels are off', () => {
    setFastKernels(false);
    try {
      const x = tf.tensor([1, 2]);
      const buffers = tf.backend().numDataIds();
      const y = tf.clone(x);
      expect(tf.backend().numDataIds()).toBe(buffers + 1);
      tf.dispose([x, y]);
    } finally {
      setFastKernels(true);
    }
  });
});
