import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

const cases: Array<[string, number[], number[], number[], tf.DataType]> = [
  ['a batch of images (one run)', [20, 4, 4, 1], [5, 0, 0, 0], [8, 4, 4, 1], 'float32'],
  ['a window of a feature map (runs of whole rows of channels)', [2, 9, 8, 16], [1, 2, 3, 0], [1, 5, 4, 16], 'float32'],
  ['the last axis partially (runs of 10)', [6, 30], [2, 5], [3, 10], 'float32'],
  ['size -1 to the end', [4, 12], [1, 2], [-1, -1], 'int32'],
  ['booleans', [3, 40], [1, 8], [2, 24], 'bool'],
  ['rank 1', [50], [7], [20], 'float32'],
  ['short runs (tfjs\' kernel)', [5, 6, 3], [1, 1, 1], [3, 4, 1], 'float32'],
];

describe('Slice on wasm (heap copies of contiguous runs)', () => {
  it.each(cases)('%s: matches the cpu backend and tfjs-backend-wasm\'s own kernel', async (_, shape, begin, size, dtype) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const x = tf.tensor(Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : i * 0.5 - 3)) as number[], shape, dtype);
    const buffers = tf.backend().numDataIds();
    const got = tf.slice(x, begin, size);
    expect(tf.backend().numDataIds() - buffers).toBe(1);
    setFastKernels(false);
    const theirs = tf.slice(x, begin, size);
    setFastKernels(true);
    const want = await onCpu(() => tf.slice(x, begin, size));
    expectTensorsClose(got, want, { rtol: 0, atol: 0 });
    expectTensorsClose(got, theirs, { rtol: 0, atol: 0 });
    tf.dispose([x, got, theirs, want]);
  });
});
