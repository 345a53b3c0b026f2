import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients, cotangentAt, expectNoLeaks, expectTensorsClose, numericalGradients } from '@strata/test-utils';
import { prefersIm2col } from './conv2d-backprop-filter.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

type Pad = Parameters<typeof tf.conv2d>[3];
type Shape4 = [number, number, number, number];

interface Case {
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
  path: 'im2col' | 'convolution';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const cases: Array<[string, Case]> = [
  ['batch 1, one input channel, 3×3 valid', { x: [1, 5, 5, 1], filter: [3, 3, 1, 2], strides: 1, pad: 'valid', path: 'convolution' }],
  ['3×3 same, stride 1', { x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same', path: 'convolution' }],
  ['one input channel, same padding', { x: [2, 6, 6, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'same', path: 'im2col' }],
  ['3×3 same, stride 2 (more padding at the bottom/right)', { x: [2, 7, 6, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'same', path: 'convolution' }],
  ['2×3 valid, strides [2, 1]', { x: [2, 7, 5, 2], filter: [2, 3, 2, 3], strides: [2, 1], pad: 'valid', path: 'convolution' }],
  ['explicit asymmetric padding', { x: [2, 5, 5, 2], filter: [3, 2, 2, 3], strides: 1, pad: [[0, 0], [2, 0], [1, 3], [0, 0]], path: 'convolution' }],
  ['explicit padding, stride 3', { x: [1, 8, 7, 2], filter: [3, 3, 2, 2], strides: 3, pad: [[0, 0], [1, 2], [0, 1], [0, 0]], path: 'convolution' }],
  ['valid, stride 3 leaving trailing rows unread', { x: [1, 9, 9, 2], filter: [2, 2, 2, 2], strides: 3, pad: 'valid', path: 'convolution' }],
  ['1×1 filter', { x: [3, 4, 4, 5], filter: [1, 1, 5, 6], strides: 1, pad: 'valid', path: 'im2col' }],
  ['1×1 filter, stride 2', { x: [2, 5, 5, 3], filter: [1, 1, 3, 2], strides: 2, pad: 'valid', path: 'convolution' }],
  ['numeric pad 1, stride 2, ceil rounding', { x: [2, 6, 6, 2], filter: [3, 3, 2, 2], strides: 2, pad: 1, path: 'convolution', dimRoundingMode: 'ceil' }],
  ['single input and output channel, 5×5 same', { x: [1, 7, 7, 1], filter: [5, 5, 1, 1], strides: 1, pad: 'same', path: 'convolution' }],
  ['one input channel, batch 4, 3×3 valid', { x: [4, 6, 6, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'valid', path: 'im2col' }],
];

function attrs(c: Case, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): tf.NamedAttrMap {
  return { strides: c.strides, pad: c.pad, dataFormat, dimRoundingMode: c.dimRoundingMode, filterShape: c.filter } as unknown as tf.NamedAttrMap;
}

function outShape(c: Case): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad, c.dimRoundingMode).outShape;
}

function forward(x: tf.Tensor4D, w: tf.Tensor4D, c: Case): tf.Tensor4D {
  return tf.conv2d(x, w, c.strides, c.pad, 'NHWC', 1, c.dimRoundingMode);
}

/** Runs the kernel on the active backend; on wasm, asserts it adds exactly one buffer (its output). */
function runKernel(inputs: tf.NamedTensorMap, kernelAttrs: tf.NamedAttrMap): tf.Tensor {
  const buffers = tf.backend().numDataIds();
  const out = tf.engine().runKernel('Conv2DBackpropFilter', inputs, kernelAttrs) as tf.Tensor;
  expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
  return out;
}

function cotangent(shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => cotangentAt(i)), shape);
}

describe('Conv2DBackpropFilter on wasm', () => {
  it.each(cases)('%s: matches the cpu backend', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1);
    const dy = tf.randomUniform(outShape(c), -1, 1, 'float32', 2);
    const got = runKernel({ x, dy }, attrs(c));
    const want = await onCpu(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs(c)) as tf.Tensor);
    expectTensorsClose(got, want, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, dy, got, want]);
  });

  // The numerical oracle runs on cpu: tfjs-backend-wasm's forward Conv2D is wrong with dimRoundingMode 'ceil'.
  it.each(cases)('%s: equals the numerical gradient of conv2d with respect to the filter', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 3);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 4);
    const dy = cotangent(outShape(c));
    const got = runKernel({ x, dy }, attrs(c));
    const numeric = await onCpu(() => numericalGradients((filter) => forward(x, filter as tf.Tensor4D, c), [w], 0.05)[0]!);
    expectTensorsClose(got, { shape: c.filter, data: numeric }, { rtol: 1e-3, atol: 1e-3 });
    tf.dispose([x, w, dy, got]);
  });

  it.each(cases)('%s: takes the $path path', (_, c) => {
    const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad, c.dimRoundingMode);
    expect(prefersIm2col(info) ? 'im2col' : 'convolution').toBe(c.path);
  });

  it('NCHW input matches the cpu backend', async () => {
    const c = cases[3]![1];
    const x = tf.randomUniform([2, 3, 7, 6], -1, 1, 'float32', 5);
    const dy = tf.randomUniform([2, 2, 4, 3], -1, 1, 'float32', 6);
    const got = runKernel({ x, dy }, attrs(c, 'NCHW'));
    const want = await onCpu(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs(c, 'NCHW')) as tf.Tensor);
    expectTensorsClose(got, want, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, dy, got, want]);
  });

  it('names the expected and received dy shapes when they disagree', () => {
    const x = tf.zeros([1, 5, 5, 1]);
    const dy = tf.zeros([1, 4, 4, 2]);
    expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs(cases[0]![1]))).toThrow('expected dy of shape [1,3,3,2] for x of shape [1,5,5,1], received [1,4,4,2]');
    tf.dispose([x, dy]);
  });
});

const gradientCases: Array<[string, Case]> = [cases[0]!, cases[1]!, cases[3]!, cases[5]!, cases[8]!];

describe('conv2d gradients on wasm', () => {
  it.each(gradientCases)('%s: agree with numerical gradients for input and filter', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 7);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 8);
    await expectNoLeaks(() => checkGradients((a, b) => forward(a as tf.Tensor4D, b as tf.Tensor4D, c), [x, w], { eps: 0.05, rtol: 1e-3, atol: 1e-3 }));
    tf.dispose([x, w]);
  });
});
