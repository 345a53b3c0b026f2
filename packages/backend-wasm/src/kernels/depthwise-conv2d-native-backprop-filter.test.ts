import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients, cotangentAt, expectNoLeaks, expectTensorsClose, numericalGradients } from '@strata/test-utils';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';

type Pad = Parameters<typeof tf.depthwiseConv2d>[3];
type Shape4 = [number, number, number, number];
type Pair = number | [number, number];

interface Case {
  x: Shape4;
  filter: Shape4;
  strides: Pair;
  dilations: Pair;
  pad: Pad;
}

const KERNEL = 'DepthwiseConv2dNativeBackpropFilter';

const cases: Array<[string, Case]> = [
  ['batch 1, one channel, 3×3 valid', { x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, dilations: 1, pad: 'valid' }],
  ['3×3 same, channel multiplier 2', { x: [2, 6, 5, 3], filter: [3, 3, 3, 2], strides: 1, dilations: 1, pad: 'same' }],
  ['3×3 same, stride 2', { x: [2, 7, 7, 2], filter: [3, 3, 2, 1], strides: 2, dilations: 1, pad: 'same' }],
  ['3×3 same, dilation 2', { x: [2, 7, 6, 2], filter: [3, 3, 2, 1], strides: 1, dilations: 2, pad: 'same' }],
  ['3×2 valid, dilations [2, 1], multiplier 3', { x: [1, 8, 7, 2], filter: [3, 2, 2, 3], strides: 1, dilations: [2, 1], pad: 'valid' }],
  ['explicit asymmetric padding', { x: [2, 5, 5, 3], filter: [2, 3, 3, 1], strides: 1, dilations: 1, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] }],
  ['explicit padding, strides [1, 2]', { x: [1, 6, 7, 2], filter: [3, 3, 2, 2], strides: [1, 2], dilations: 1, pad: [[0, 0], [2, 0], [1, 1], [0, 0]] }],
  ['valid, stride 3 leaving trailing rows unread', { x: [1, 9, 9, 2], filter: [2, 2, 2, 2], strides: 3, dilations: 1, pad: 'valid' }],
  ['5×5 same, batch 3', { x: [3, 6, 6, 4], filter: [5, 5, 4, 1], strides: 1, dilations: 1, pad: 'same' }],
  ['stride 2 with dilation 2', { x: [2, 9, 9, 2], filter: [3, 3, 2, 2], strides: 2, dilations: 2, pad: 'same' }],
];

function attrs(c: Case): tf.NamedAttrMap {
  return { strides: c.strides, dilations: c.dilations, pad: c.pad, filterShape: c.filter } as unknown as tf.NamedAttrMap;
}

function outShape(c: Case): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, c.dilations, c.pad, undefined, true).outShape;
}

function forward(x: tf.Tensor4D, w: tf.Tensor4D, c: Case): tf.Tensor4D {
  return tf.depthwiseConv2d(x, w, c.strides, c.pad, 'NHWC', c.dilations);
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

// tfjs-backend-cpu's depthwise backprop kernels ignore dilations (their loops step by the stride only), so dilated
// cases are checked against numerical gradients alone.
const undilated = cases.filter(([, c]) => c.dilations === 1);

/** Where the numerical oracle runs the forward kernel: cpu, except where tfjs-backend-cpu rejects stride and dilation together. */
function oracleBackend(c: Case): string {
  const above1 = (p: Pair): boolean => (typeof p === 'number' ? p > 1 : p.some((v) => v > 1));
  return above1(c.strides) && above1(c.dilations) ? 'wasm' : 'cpu';
}

async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  await tf.setBackend(name);
  try {
    return fn();
  } finally {
    await tf.setBackend('wasm');
  }
}

describe(`${KERNEL} on wasm`, () => {
  it.each(undilated)('%s: matches the cpu backend', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1);
    const dy = tf.randomUniform(outShape(c), -1, 1, 'float32', 2);
    const got = runKernel({ x, dy }, attrs(c));
    const want = await onBackend('cpu', () => tf.engine().runKernel(KERNEL, { x, dy }, attrs(c)) as tf.Tensor);
    expectTensorsClose(got, want, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, dy, got, want]);
  });

  it.each(cases)('%s: equals the numerical gradient of depthwiseConv2d with respect to the filter', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 3);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 4);
    const dy = cotangent(outShape(c));
    const got = runKernel({ x, dy }, attrs(c));
    const forwardAttrs = { strides: c.strides, dilations: c.dilations, pad: c.pad } as unknown as tf.NamedAttrMap;
    const numeric = await onBackend(oracleBackend(c), () =>
      numericalGradients((filter) => tf.engine().runKernel('DepthwiseConv2dNative', { x, filter }, forwardAttrs) as tf.Tensor, [w], 0.05)[0]!);
    expectTensorsClose(got, { shape: c.filter, data: numeric }, { rtol: 1e-3, atol: 1e-3 });
    tf.dispose([x, w, dy, got]);
  });

  it('names the expected and received dy shapes when they disagree', () => {
    const x = tf.zeros([1, 5, 5, 1]);
    const dy = tf.zeros([1, 5, 5, 1]);
    expect(() => tf.engine().runKernel(KERNEL, { x, dy }, attrs(cases[0]![1]))).toThrow('expected dy of shape [1,3,3,1] for x of shape [1,5,5,1], received [1,5,5,1]');
    tf.dispose([x, dy]);
  });
});

// tfjs-core's depthwiseConv2d gradient supports dilation 1 only.
const gradientCases = cases.filter(([, c]) => c.dilations === 1);

describe('depthwiseConv2d gradients on wasm', () => {
  it.each(gradientCases)('%s: agree with numerical gradients for input and filter', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 7);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 8);
    await expectNoLeaks(() => checkGradients((a, b) => forward(a as tf.Tensor4D, b as tf.Tensor4D, c), [x, w], { eps: 0.05, rtol: 1e-3, atol: 1e-3 }));
    tf.dispose([x, w]);
  });
});

describe('DepthwiseConv2dNativeBackpropFilter: the SIMD kernel against the composed grouped convolution', () => {
  it.each([...cases, ['MobileNet-like, 16 channels', { x: [2, 9, 9, 16], filter: [3, 3, 16, 1], strides: 1, dilations: 1, pad: 'same' }] as [string, Case]])('%s: agree to float32 rounding', (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 11);
    const dy = tf.randomUniform(outShape(c), -1, 1, 'float32', 12);
    const fast = tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, attrs(c)) as tf.Tensor;
    setFastKernels(false);
    const composed = tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, attrs(c)) as tf.Tensor;
    setFastKernels(true);
    expectTensorsClose(fast, composed, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, dy, fast, composed]);
  });
});
