import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

const cases: Array<[string, number[], number[], boolean, boolean]> = [
  ['Dense kernel gradient xᵀ · dy', [1, 32, 50], [1, 32, 10], true, false],
  ['Dense input gradient dy · wᵀ', [1, 32, 10], [1, 50, 10], false, true],
  ['both transposed, odd sizes', [3, 7, 5], [3, 9, 7], true, true],
  ['batched, broadcast b', [4, 6, 3], [1, 5, 6], true, true],
  ['rank 2', [13, 6], [13, 9], true, false],
];

describe('transposed BatchMatMul on wasm (explicit SIMD transposes, then XNNPACK)', () => {
  it.each(cases)('%s: matches the cpu backend and tfjs-backend-wasm\'s own kernel', async (_, aShape, bShape, ta, tb) => {
    const a = tf.randomUniform(aShape, -1, 1, 'float32', 1);
    const b = tf.randomUniform(bShape, -1, 1, 'float32', 2);
    const buffers = tf.backend().numDataIds();
    const got = tf.matMul(a, b, ta, tb);
    expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
    setFastKernels(false);
    const composed = tf.matMul(a, b, ta, tb);
    setFastKernels(true);
    const want = await onCpu(() => tf.matMul(a, b, ta, tb));
    expectTensorsClose(got, want, { rtol: 1e-5, atol: 1e-5 });
    expectTensorsClose(got, composed, { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([a, b, got, want, composed]);
  });
});
