import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

const KERNEL = 'UnsortedSegmentSum';

interface Case {
  x: number[];
  ids: number[];
  numSegments: number;
  dtype?: 'float32' | 'int32';
}

const cases: Array<[string, Case]> = [
  ['rows of a matrix, repeated ids', { x: [6, 3], ids: [0, 2, 0, 1, 2, 2], numSegments: 3 }],
  ['a vector', { x: [5], ids: [1, 1, 0, 3, 1], numSegments: 4 }],
  ['rank-4 rows, some segments empty', { x: [4, 2, 3, 2], ids: [3, 0, 3, 5], numSegments: 7 }],
  ['one row', { x: [1, 4], ids: [2], numSegments: 3 }],
  ['ids out of range are dropped', { x: [5, 2], ids: [0, -1, 3, 1, 7], numSegments: 4 }],
  ['every id out of range', { x: [3, 2], ids: [-1, 5, 9], numSegments: 2 }],
  ['int32 values', { x: [4, 3], ids: [1, 0, 1, 1], numSegments: 2, dtype: 'int32' }],
];

function makeX(c: Case, seed: number): tf.Tensor {
  const x = tf.randomUniform(c.x, -5, 5, 'float32', seed);
  if (c.dtype !== 'int32') return x;
  const rounded = tf.cast(tf.round(x), 'int32');
  x.dispose();
  return rounded;
}

/** Runs the kernel on the active backend; on wasm, asserts it adds exactly one buffer (its output). */
function runKernel(x: tf.Tensor, segmentIds: tf.Tensor, numSegments: number): tf.Tensor {
  const buffers = tf.backend().numDataIds();
  const out = tf.engine().runKernel(KERNEL, { x, segmentIds }, { numSegments }) as tf.Tensor;
  expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
  return out;
}

describe(`${KERNEL} on wasm`, () => {
  it.each(cases)('%s: matches the cpu backend', async (_, c) => {
    const x = makeX(c, 1);
    const ids = tf.tensor1d(c.ids, 'int32');
    const got = runKernel(x, ids, c.numSegments);
    const want = await onCpu(() => tf.engine().runKernel(KERNEL, { x, segmentIds: ids }, { numSegments: c.numSegments }) as tf.Tensor);
    // TensorFlow keeps x's dtype; tfjs-backend-cpu returns float32 for int32 x, so values are compared as float32.
    expect(got.dtype).toBe(x.dtype);
    const gotFloat = tf.cast(got, 'float32');
    expectTensorsClose(gotFloat, want, { rtol: 1e-6, atol: 1e-6 });
    tf.dispose([x, ids, got, gotFloat, want]);
  });

  it('sums rows by segment (worked example)', () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const ids = tf.tensor1d([0, 2, 0], 'int32');
    const got = runKernel(x, ids, 3);
    expectTensorsClose(got, [[6, 8], [0, 0], [3, 4]]);
    tf.dispose([x, ids, got]);
  });

  it('gives an empty [0, ...] result for zero segments', () => {
    const x = tf.ones([3, 2]);
    const ids = tf.tensor1d([0, 1, 0], 'int32');
    const got = runKernel(x, ids, 0);
    expect(got.shape).toEqual([0, 2]);
    tf.dispose([x, ids, got]);
  });

  it('takes multi-dimensional ids as TensorFlow does (a prefix of x\'s shape, flattened)', () => {
    const x = tf.tensor3d([[[1], [2]], [[3], [4]]]);
    const ids = tf.tensor2d([[1, 0], [1, 1]], [2, 2], 'int32');
    const got = runKernel(x, ids, 2);
    expectTensorsClose(got, [[2], [8]]);
    tf.dispose([x, ids, got]);
  });

  it('names the shapes when the ids do not prefix x', () => {
    const x = tf.zeros([3, 2]);
    const ids = tf.tensor1d([0, 1], 'int32');
    expect(() => tf.engine().runKernel(KERNEL, { x, segmentIds: ids }, { numSegments: 2 })).toThrow("expected segmentIds' shape to prefix x's shape [3,2], received [2]");
    tf.dispose([x, ids]);
  });
});

describe('gather gradient (an embedding lookup) on wasm', () => {
  it.each([
    ['axis 0, repeated indices', [6, 4], [[0, 5, 0], [2, 2, 5]], 0],
    ['axis 1', [3, 5, 2], [4, 0, 4, 1], 1],
    ['a single index', [4, 3], [2], 0],
  ] as Array<[string, number[], number[] | number[][], number]>)('%s: agrees with numerical gradients', async (_, shape, indices, axis) => {
    const table = tf.randomUniform(shape, -1, 1, 'float32', 3);
    const idx = tf.tensor(indices, undefined, 'int32');
    await expectNoLeaks(() => checkGradients((t) => tf.gather(t, idx, axis), [table], { eps: 0.05, rtol: 1e-3, atol: 1e-3 }));
    tf.dispose([table, idx]);
  });
});
