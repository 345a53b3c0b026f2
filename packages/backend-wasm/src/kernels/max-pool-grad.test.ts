import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { cotangentAt, expectTensorsClose, numericalGradients } from '@strata/test-utils';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

type Pad = 'valid' | 'same' | number;
interface Case { x: [number, number, number, number]; size: number | [number, number]; strides: number | [number, number]; pad: Pad; dimRoundingMode?: 'floor' | 'ceil' | 'round' }

const cases: Array<[string, Case]> = [
  ['MNIST pool 2×2 stride 2, 32 channels', { x: [2, 6, 6, 32], size: 2, strides: 2, pad: 'valid' }],
  ['2×2 stride 2, odd height and width, 6 channels (vector and scalar lanes)', { x: [2, 7, 5, 6], size: 2, strides: 2, pad: 'valid' }],
  ['2×2 stride 2 same on even sizes (no padding)', { x: [1, 4, 6, 3], size: 2, strides: 2, pad: 'same' }],
  ['odd size, valid (last row and column unread)', { x: [2, 7, 5, 4], size: 2, strides: 2, pad: 'valid' }],
  ['3×3 stride 2 same (overlapping windows, padding)', { x: [1, 7, 8, 6], size: 3, strides: 2, pad: 'same' }],
  ['channels not a multiple of four', { x: [2, 5, 5, 7], size: [2, 3], strides: [1, 2], pad: 'same' }],
  ['one channel, stride 1', { x: [3, 4, 4, 1], size: 2, strides: 1, pad: 'valid' }],
  ['numeric pad, ceil rounding', { x: [1, 6, 6, 5], size: 3, strides: 2, pad: 1, dimRoundingMode: 'ceil' }],
];

/** Distinct values (no ties), so numerical gradients are defined; shuffled by a fixed permutation. */
function distinct(shape: number[], offset = 0): tf.Tensor4D {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor4d(Float32Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n - 0.5 + offset), shape as [number, number, number, number]);
}

function cotangent(shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => cotangentAt(i)), shape);
}

const pool = (x: tf.Tensor4D, c: Case) => tf.maxPool(x, c.size, c.strides, c.pad as 'valid', c.dimRoundingMode);

function gradient(x: tf.Tensor4D, dy: tf.Tensor, c: Case): tf.Tensor {
  const y = pool(x, c);
  const dx = tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: c.size, strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode }) as tf.Tensor;
  y.dispose();
  return dx;
}

/** The gradient with the fast kernels off (the plain loop), turning them back on after. */
function withFastOff<T>(fn: () => T): T {
  setFastKernels(false);
  try {
    return fn();
  } finally {
    setFastKernels(true);
  }
}

describe('MaxPoolGrad on wasm (SIMD, and a plain loop with the fast kernels off)', () => {
  it.each(cases)('%s: both paths match the cpu backend', async (_, c) => {
    const x = distinct(c.x, 0.5);
    const y = pool(x, c);
    const dy = tf.randomUniform(y.shape, -1, 1, 'float32', 3);
    const fast = gradient(x, dy, c);
    const composed = withFastOff(() => gradient(x, dy, c));
    const cpu = await onCpu(() => gradient(x, dy, c));
    expectTensorsClose(fast, cpu, { rtol: 1e-6, atol: 1e-7 });
    expectTensorsClose(fast, composed, { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([x, y, dy, fast, composed, cpu]);
  });

  // The numerical oracle runs on cpu: tfjs-backend-wasm's forward pooling ignores dimRoundingMode 'ceil'.
  it.each(cases)('%s: equals the numerical gradient of maxPool', async (_, c) => {
    const x = distinct(c.x);
    const dy = cotangent(tf.tidy(() => pool(x, c)).shape);
    const before = tf.memory().numTensors;
    const analytic = tf.grad((a: tf.Tensor) => pool(a as tf.Tensor4D, c))(x, dy);
    expect(tf.memory().numTensors - before, 'tensors left besides the gradient').toBe(1);
    const numeric = await onCpu(() => numericalGradients((a) => pool(a as tf.Tensor4D, c), [x], 1e-4)[0]!);
    expectTensorsClose(analytic, { shape: c.x, data: numeric }, { rtol: 1e-2, atol: 1e-3 });
    tf.dispose([x, dy, analytic]);
  });

  it.each(cases)('%s: windows of negative values match the cpu backend on both paths (tfjs-backend-wasm\'s kernel gets them wrong)', async (_, c) => {
    const x = distinct(c.x, -1);
    const y = pool(x, c);
    const dy = tf.randomUniform(y.shape, -1, 1, 'float32', 4);
    const fast = gradient(x, dy, c);
    const composed = withFastOff(() => gradient(x, dy, c));
    const cpu = await onCpu(() => gradient(x, dy, c));
    expectTensorsClose(fast, cpu, { rtol: 1e-6, atol: 1e-7 });
    expectTensorsClose(composed, cpu, { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([x, y, dy, fast, composed, cpu]);
  });

  it('with the fast kernels off, the gradient through tf.maxPool equals the numerical one on negative inputs, leaving no tensors', async () => {
    const c = cases[4]![1];
    const x = distinct(c.x, -1);
    const dy = cotangent(tf.tidy(() => pool(x, c)).shape);
    const before = tf.memory().numTensors;
    const analytic = withFastOff(() => tf.grad((a: tf.Tensor) => pool(a as tf.Tensor4D, c))(x, dy));
    expect(tf.memory().numTensors - before, 'tensors left besides the gradient').toBe(1);
    const numeric = await onCpu(() => numericalGradients((a) => pool(a as tf.Tensor4D, c), [x], 1e-4)[0]!);
    expectTensorsClose(analytic, { shape: c.x, data: numeric }, { rtol: 1e-2, atol: 1e-3 });
    tf.dispose([x, dy, analytic]);
  });

  it('sends dy to the first pixel of a window of equal values (after ReLU: zeros), four channels at a time too', async () => {
    const c: Case = { x: [1, 2, 2, 9], size: 2, strides: 2, pad: 'valid' };
    const x = tf.zeros(c.x) as tf.Tensor4D;
    const dy = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 1, 9]);
    const fast = gradient(x, dy, c);
    const composed = withFastOff(() => gradient(x, dy, c));
    expect(Array.from(fast.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, ...new Array(27).fill(0)]);
    expect(Array.from(composed.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, ...new Array(27).fill(0)]);
    const cpu = await onCpu(() => gradient(x, dy, c));
    expectTensorsClose(fast, cpu);
    tf.dispose([x, dy, fast, composed, cpu]);
  });

  it('sends each dy to the first maximum of its window when values tie, as the cpu backend does', async () => {
    const x = tf.tensor4d([1, 1, 1, 1, 2, 2, 0, 2], [1, 2, 4, 1]);
    const c: Case = { x: [1, 2, 4, 1], size: 2, strides: 2, pad: 'valid' };
    const dy = tf.tensor4d([3, 5], [1, 1, 2, 1]);
    const fast = gradient(x, dy, c);
    const composed = withFastOff(() => gradient(x, dy, c));
    // Windows [1, 1 | 2, 2] and [1, 1 | 0, 2]: the first 2 of each, flat positions 4 and 7.
    expect(Array.from(fast.dataSync())).toEqual([0, 0, 0, 0, 3, 0, 0, 5]);
    expect(Array.from(composed.dataSync())).toEqual([0, 0, 0, 0, 3, 0, 0, 5]);
    const cpu = await onCpu(() => gradient(x, dy, c));
    expectTensorsClose(fast, cpu);
    tf.dispose([x, dy, fast, composed, cpu]);
  });
});
