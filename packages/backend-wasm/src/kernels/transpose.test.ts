import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import { setFastKernels } from '../fast/switch.js';
import { mergeAxes } from './transpose.js';
import './register-kernels.js';

const cases: Array<[string, number[], number[]]> = [
  ['rank 5, batch ↔ channels (conv3d filter gradient)', [3, 4, 5, 2, 6], [4, 1, 2, 3, 0]],
  ['rank 5, batch to the middle', [3, 4, 5, 2, 6], [1, 2, 3, 0, 4]],
  ['rank 6, space-to-batch order', [2, 3, 2, 4, 2, 5], [2, 4, 0, 1, 3, 5]],
  ['rank 6, nothing merges', [2, 3, 2, 4, 2, 3], [5, 3, 1, 4, 2, 0]],
  ['rank 5 with size-1 axes', [1, 4, 1, 3, 5], [3, 2, 0, 4, 1]],
  ['rank 4, identity', [2, 3, 4, 5], [0, 1, 2, 3]],
  ['rank 3', [4, 5, 6], [2, 0, 1]],
  ['all size 1', [1, 1, 1, 1, 1], [4, 3, 2, 1, 0]],
];

describe('Transpose on wasm on merged axes', () => {
  it.each([
    [[4, 18, 18, 18, 16], [1, 2, 3, 0, 4], { shape: [4, 5832, 16], perm: [1, 0, 2] }],
    [[3, 4, 5, 2, 6], [4, 1, 2, 3, 0], { shape: [3, 40, 6], perm: [2, 1, 0] }],
    [[1, 4, 1, 3, 5], [3, 2, 0, 4, 1], { shape: [4, 15], perm: [1, 0] }],
    [[2, 3, 4], [0, 1, 2], { shape: [24], perm: [0] }],
  ])('mergeAxes(%j, %j) is %j', (shape, perm, merged) => {
    expect(mergeAxes(shape, perm)).toEqual(merged);
  });

  it.each(cases)('%s: equals tfjs’ own kernel (fast kernels off) and the cpu backend, float32 and int32', async (_, shape, perm) => {
    for (const dtype of ['float32', 'int32'] as const) {
      const x = tf.randomUniform(shape, -100, 100, dtype, 1);
      const fast = tf.transpose(x, perm);
      setFastKernels(false);
      const composed = tf.transpose(x, perm);
      setFastKernels(true);
      await tf.setBackend('cpu');
      const cpu = tf.transpose(x, perm);
      await tf.setBackend('wasm');
      expect(fast.shape).toEqual(cpu.shape);
      expect(fast.dtype).toBe(dtype);
      expectTensorsClose(fast, cpu, { rtol: 0, atol: 0 });
      expectTensorsClose(composed, cpu, { rtol: 0, atol: 0 });
      tf.dispose([x, fast, composed, cpu]);
    }
  });
});
