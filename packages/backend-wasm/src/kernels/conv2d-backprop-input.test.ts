import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGradients, cotangentAt, expectNoLeaks, expectTensorsClose, numericalGradients } from '@strata/test-utils';
import { type InputGradMethod, conv2DBackpropInput, inputGradOverride } from './conv2d-backprop-input.js';
import { fastKernelsEnabled, setFastKernels } from '../fast/switch.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

type Pad = Parameters<typeof tf.conv2d>[3];
type Shape4 = [number, number, number, number];

interface Case {
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

const KERNEL = 'Conv2DBackpropInput';

const cases: Array<[string, Case]> = [
  ['batch 1, one channel, 3×3 valid', { x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, pad: 'valid' }],
  ['3×3 same, stride 1', { x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' }],
  ['3×3 same, stride 2, odd size', { x: [2, 7, 7, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'same' }],
  ['4×4 same, stride 2, even size', { x: [1, 8, 6, 2], filter: [4, 4, 2, 3], strides: 2, pad: 'same' }],
  ['2×3 valid, strides [2, 1]', { x: [2, 7, 5, 2], filter: [2, 3, 2, 3], strides: [2, 1], pad: 'valid' }],
  ['explicit asymmetric padding', { x: [2, 5, 5, 2], filter: [3, 2, 2, 3], strides: 1, pad: [[0, 0], [2, 0], [1, 3], [0, 0]] }],
  ['explicit padding wider than the filter, stride 3', { x: [1, 8, 7, 2], filter: [2, 2, 2, 2], strides: 3, pad: [[0, 0], [3, 1], [0, 2], [0, 0]] }],
  ['valid, stride 3 leaving trailing rows unread', { x: [1, 9, 9, 2], filter: [2, 2, 2, 2], strides: 3, pad: 'valid' }],
  ['1×1 filter, stride 2', { x: [2, 5, 5, 3], filter: [1, 1, 3, 2], strides: 2, pad: 'valid' }],
  ['3×3 valid as MNIST conv2, more output than input channels', { x: [1, 9, 9, 4], filter: [3, 3, 4, 6], strides: 1, pad: 'valid' }],
  ['5×5 same, strides [1, 2], five channels', { x: [2, 9, 8, 5], filter: [5, 5, 5, 4], strides: [1, 2], pad: 'same' }],
];

/** Every NHWC float32 method the kernel can pick while the fast kernels are on (the first is also the composed path). */
const METHODS: InputGradMethod[] = ['conv', 'rows', 'gemm'];

afterEach(() => {
  inputGradOverride.method = null;
});

function attrs(c: Case, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): tf.NamedAttrMap {
  return { strides: c.strides, pad: c.pad, dataFormat, inputShape: c.x } as unknown as tf.NamedAttrMap;
}

function outShape(c: Case): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

function forward(x: tf.Tensor4D, w: tf.Tensor4D, c: Case): tf.Tensor4D {
  return tf.conv2d(x, w, c.strides, c.pad);
}

/** Runs the kernel on the active backend; on wasm, asserts it adds exactly one buffer (its output). */
function runKernel(inputs: tf.NamedTensorMap, kernelAttrs: tf.NamedAttrMap): tf.Tensor {
  const buffers = tf.backend().numDataIds();
  const out = tf.engine().runKernel(KERNEL, inputs, kernelAttrs) as tf.Tensor;
  expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
  return out;
}

function cotangent(shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => cotangentAt(i)), shape);
}

describe(`${KERNEL} on wasm (replacing tfjs' loop with a forward convolution)`, () => {
  it('is the registered wasm kernel', () => {
    expect(tf.getKernel(KERNEL, 'wasm')?.kernelFunc).toBe(conv2DBackpropInput);
  });

  it('NCHW dy matches the cpu backend', async () => {
    const c = cases[2]![1];
    const dy = tf.randomUniform([2, 2, 4, 4], -1, 1, 'float32', 5);
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 6);
    const nchw = { ...attrs(c, 'NCHW'), inputShape: [2, 3, 7, 7] } as unknown as tf.NamedAttrMap;
    const got = runKernel({ dy, filter }, nchw);
    const want = await onCpu(() => tf.engine().runKernel(KERNEL, { dy, filter }, nchw) as tf.Tensor);
    expectTensorsClose(got, want, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([dy, filter, got, want]);
  });
});

describe.each(METHODS)(`${KERNEL} on wasm computed as '%s'`, (method) => {
  let previous = true;
  beforeEach(() => {
    previous = fastKernelsEnabled();
    setFastKernels(true); // the methods apply while the fast kernels are on (also under STRATA_FAST_KERNELS=0)
  });
  afterEach(() => {
    setFastKernels(previous);
  });

  it.each(cases)('%s: matches the cpu backend', async (_, c) => {
    const dy = tf.randomUniform(outShape(c), -1, 1, 'float32', 1);
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 2);
    inputGradOverride.method = method;
    const got = runKernel({ dy, filter }, attrs(c));
    const want = await onCpu(() => tf.engine().runKernel(KERNEL, { dy, filter }, attrs(c)) as tf.Tensor);
    expectTensorsClose(got, want, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([dy, filter, got, want]);
  });

  it.each(cases)('%s: equals the numerical gradient of conv2d with respect to its input', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 3);
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 4);
    const dy = cotangent(outShape(c));
    inputGradOverride.method = method;
    const got = runKernel({ dy, filter }, attrs(c));
    const numeric = await onCpu(() => numericalGradients((input) => forward(input as tf.Tensor4D, filter as tf.Tensor4D, c), [x], 0.05)[0]!);
    expectTensorsClose(got, { shape: c.x, data: numeric }, { rtol: 1e-3, atol: 1e-3 });
    tf.dispose([x, filter, dy, got]);
  });
});

describe('conv2dTranspose gradients on wasm', () => {
  it.each([
    ['stride 2, same', [1, 3, 3, 2], [3, 3, 4, 2], [1, 6, 6, 4], 2, 'same'],
    ['stride 1, valid, batch 2', [2, 4, 3, 3], [2, 2, 2, 3], [2, 5, 4, 2], 1, 'valid'],
    ['stride 2, valid, one channel', [1, 3, 3, 1], [3, 3, 1, 1], [1, 7, 7, 1], 2, 'valid'],
  ] as Array<[string, Shape4, Shape4, Shape4, number, 'same' | 'valid']>)('%s: agree with numerical gradients for input and filter', async (_, xShape, wShape, outputShape, stride, pad) => {
    const x = tf.randomUniform(xShape, -1, 1, 'float32', 7);
    const w = tf.randomUniform(wShape, -1, 1, 'float32', 8);
    await expectNoLeaks(() =>
      checkGradients((a, b) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, outputShape, stride, pad), [x, w], { eps: 0.05, rtol: 1e-3, atol: 1e-3 }));
    tf.dispose([x, w]);
  });
});
