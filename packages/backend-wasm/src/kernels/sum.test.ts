import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

const cases: Array<[string, number[], number[], boolean]> = [
  ['a conv bias gradient [8, 6, 6, 32] over [0, 1, 2]', [8, 6, 6, 32], [0, 1, 2], false],
  ['a Dense bias gradient [128, 10] over [0]', [128, 10], [0], false],
  ['columns not a multiple of four, keepDims', [5, 3, 7], [0, 1], true],
  ['axes given out of order and negative', [4, 3, 5], [1, -3], false],
  ['one row', [1, 9], [0], false],
  ['a trailing axis (not leading: tfjs\' kernel)', [4, 5], [1], false],
  ['every axis (tfjs\' kernel)', [3, 4], [0, 1], false],
];

describe('Sum over leading axes on wasm (SIMD column sums)', () => {
  it.each(cases)('%s: matches the cpu backend', async (_, shape, axis, keepDims) => {
    const x = tf.randomUniform(shape, -1, 1, 'float32', 5);
    const buffers = tf.backend().numDataIds();
    const got = tf.sum(x, axis, keepDims);
    expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
    const want = await onCpu(() => tf.sum(x, axis, keepDims));
    expectTensorsClose(got, want, { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([x, got, want]);
  });

  it('leaves int32 sums to tfjs\' kernel (exact integers)', () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32');
    const s = tf.sum(x, 0);
    expect(s.dtype).toBe('int32');
    expect(Array.from(s.dataSync())).toEqual([9, 12]);
    tf.dispose([x, s]);
  });
});
