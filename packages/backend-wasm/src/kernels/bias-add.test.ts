import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

const cases: Array<[string, number[], number[]]> = [
  ['a conv bias [8, 6, 6, 32] + [32]', [8, 6, 6, 32], [32]],
  ['a Dense bias, bias first: [10] + [128, 10]', [10], [128, 10]],
  ['channels not a multiple of four [5, 3, 7] + [7]', [5, 3, 7], [7]],
  ['a trailing block [4, 3, 5] + [3, 5]', [4, 3, 5], [3, 5]],
  ['leading ones on the bias [2, 6, 4] + [1, 1, 4]', [2, 6, 4], [1, 1, 4]],
  ['same shapes (tfjs\' kernel)', [3, 4], [3, 4]],
  ['broadcast on a middle axis (tfjs\' kernel)', [3, 4, 5], [4, 1]],
  ['a scalar (tfjs\' kernel)', [3, 4], []],
];

describe('bias Add on wasm (one SIMD pass)', () => {
  it.each(cases)('%s: matches the cpu backend exactly', async (_, aShape, bShape) => {
    const a = tf.randomUniform(aShape, -1, 1, 'float32', 1);
    const b = tf.randomUniform(bShape, -1, 1, 'float32', 2);
    const buffers = tf.backend().numDataIds();
    const got = tf.add(a, b);
    expect(tf.backend().numDataIds() - buffers).toBe(1);
    const want = await onCpu(() => tf.add(a, b));
    expectTensorsClose(got, want, { rtol: 0, atol: 0 });
    tf.dispose([a, b, got, want]);
  });
});
