import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients, cotangentAt, expectNoLeaks, expectTensorsClose, numericalGradients } from '@strata/test-utils';
import { conv3DBackpropInputV2 } from './conv3d-backprop-input-v2.js';
import './register-kernels.js';

type Shape5 = [number, number, number, number, number];

interface Case {
  x: Shape5;
  filter: Shape5;
  strides: number | [number, number, number];
  pad: 'same' | 'valid';
}

const KERNEL = 'Conv3DBackpropInputV2';

const cases: Array<[string, Case]> = [
  ['batch 1, one channel, 2×2×2 valid', { x: [1, 4, 4, 4, 1], filter: [2, 2, 2, 1, 1], strides: 1, pad: 'valid' }],
  ['3×3×3 same, two in, three out', { x: [1, 4, 4, 4, 2], filter: [3, 3, 3, 2, 3], strides: 1, pad: 'same' }],
  ['thin width, batch 2, valid', { x: [2, 6, 6, 2, 1], filter: [2, 2, 2, 1, 2], strides: 1, pad: 'valid' }],
  ['stride 2 valid, trailing planes unread', { x: [1, 5, 6, 5, 1], filter: [2, 2, 2, 1, 2], strides: 2, pad: 'valid' }],
  ['strides [1, 2, 2] same', { x: [2, 3, 5, 4, 2], filter: [2, 3, 3, 2, 2], strides: [1, 2, 2], pad: 'same' }],
];

function attrs(c: Case): tf.NamedAttrMap {
  return { strides: c.strides, pad: c.pad, inputShape: c.x } as unknown as tf.NamedAttrMap;
}

function outShape(c: Case): number[] {
  return tf.backend_util.computeConv3DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

/** Runs the kernel on the active backend; on wasm, asserts it adds exactly one buffer (its output). */
function runKernel(inputs: tf.NamedTensorMap, kernelAttrs: tf.NamedAttrMap): tf.Tensor {
  const buffers = tf.backend().numDataIds();
  const out = tf.engine().runKernel(KERNEL, inputs, kernelAttrs) as tf.Tensor;
  expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
  return out;
}

async function onCpu<T>(fn: () => T): Promise<T> {
  await tf.setBackend('cpu');
  try {
    return fn();
  } finally {
    await tf.setBackend('wasm');
  }
}

function cotangent(shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => cotangentAt(i)), shape);
}

describe(`${KERNEL} on wasm (replacing tfjs' incorrect kernel)`, () => {
  it('is the registered wasm kernel', () => {
    expect(tf.getKernel(KERNEL, 'wasm')?.kernelFunc).toBe(conv3DBackpropInputV2);
  });

  it.each(cases)('%s: matches the cpu backend', async (_, c) => {
    const dy = tf.randomUniform(outShape(c), -1, 1, 'float32', 1);
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 2);
    const got = runKernel({ dy, filter }, attrs(c));
    const want = await onCpu(() => tf.engine().runKernel(KERNEL, { dy, filter }, attrs(c)) as tf.Tensor);
    expectTensorsClose(got, want, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([dy, filter, got, want]);
  });

  it.each(cases)('%s: equals the numerical gradient of conv3d with respect to its input', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 3);
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 4);
    const dy = cotangent(outShape(c));
    const got = runKernel({ dy, filter }, attrs(c));
    const numeric = await onCpu(() => numericalGradients((input) => tf.conv3d(input as tf.Tensor5D, filter as tf.Tensor5D, c.strides, c.pad), [x], 0.05)[0]!);
    expectTensorsClose(got, { shape: c.x, data: numeric }, { rtol: 1e-3, atol: 1e-3 });
    tf.dispose([x, filter, dy, got]);
  });
});

// tfjs-core registers no gradient for Conv3DBackpropInputV2, so conv3dTranspose cannot be differentiated on any backend.
describe('conv3d gradients on wasm', () => {
  it.each(cases.slice(0, 3))('conv3d, %s: agree with numerical gradients for input and filter', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 5);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 6);
    await expectNoLeaks(() => checkGradients((a, b) => tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, c.strides, c.pad), [x, w], { eps: 0.05, rtol: 1e-3, atol: 1e-3 }));
    tf.dispose([x, w]);
  });
});
