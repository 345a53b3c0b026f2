import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { cotangentAt, expectTensorsClose, numericalGradients } from '@strata/test-utils';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

interface Case { x: [number, number, number, number]; size: number | [number, number]; strides: number | [number, number]; pad: 'valid' | 'same' }

const cases: Array<[string, Case]> = [
  ['2×2 stride 2 valid, 32 channels', { x: [2, 6, 6, 32], size: 2, strides: 2, pad: 'valid' }],
  ['odd size, valid', { x: [2, 7, 5, 4], size: 2, strides: 2, pad: 'valid' }],
  ['3×3 stride 2 same (border windows hold fewer pixels)', { x: [1, 7, 8, 6], size: 3, strides: 2, pad: 'same' }],
  ['channels not a multiple of four, same', { x: [2, 5, 5, 7], size: [2, 3], strides: [1, 2], pad: 'same' }],
  ['one channel, stride 1', { x: [3, 4, 4, 1], size: 2, strides: 1, pad: 'valid' }],
];

const pool = (x: tf.Tensor, c: Case) => tf.avgPool(x as tf.Tensor4D, c.size, c.strides, c.pad);
const gradient = (x: tf.Tensor, dy: tf.Tensor, c: Case) => tf.grad((a: tf.Tensor) => pool(a, c))(x, dy);

function cotangent(shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => cotangentAt(i)), shape);
}

describe('AvgPoolGrad on wasm (SIMD)', () => {
  // Numerical gradients of the forward pooling, which (on cpu and wasm alike) averages only the pixels inside the input.
  it.each(cases)('%s: equals the numerical gradient of avgPool', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1);
    const dy = cotangent(tf.tidy(() => pool(x, c)).shape);
    const before = tf.memory().numTensors;
    const dx = gradient(x, dy, c);
    expect(tf.memory().numTensors - before, 'tensors left besides the gradient').toBe(1);
    const numeric = await onCpu(() => numericalGradients((a) => pool(a, c), [x], 1e-2)[0]!);
    expectTensorsClose(dx, { shape: c.x, data: numeric }, { rtol: 1e-3, atol: 1e-4 });
    tf.dispose([x, dy, dx]);
  });

  it.each(cases.filter(([, c]) => c.pad === 'valid'))('%s: matches the cpu backend and tfjs-backend-wasm\'s own kernel', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 2);
    const dy = tf.randomUniform(tf.tidy(() => pool(x, c)).shape, -1, 1, 'float32', 3);
    const fast = gradient(x, dy, c);
    setFastKernels(false);
    const theirs = gradient(x, dy, c);
    setFastKernels(true);
    const cpu = await onCpu(() => gradient(x, dy, c));
    expectTensorsClose(fast, cpu, { rtol: 1e-5, atol: 1e-6 });
    expectTensorsClose(fast, theirs, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([x, dy, fast, theirs, cpu]);
  });

  it('differs from tfjs\' kernels only where a \'same\' window reaches past the border (they divide by the full window)', async () => {
    const c = cases[2]![1];
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 4);
    const dy = tf.onesLike(tf.tidy(() => pool(x, c)));
    const fast = gradient(x, dy, c).dataSync();
    const cpu = await onCpu(() => gradient(x, dy, c).dataSync());
    // 7 rows, window 3, stride 2, 'same': one padding row on top. Pixel (0, 0) lies only in window (0, 0), clipped to
    // 2 × 3 pixels: 1/6 here, 1/9 from tfjs. Pixel (3, 3) lies in two whole windows: 2/9 from both.
    const [, , w, ch] = c.x;
    const at = (r: number, col: number) => (r * w + col) * ch;
    expect(fast[at(0, 0)]).toBeCloseTo(1 / 6, 6);
    expect(cpu[at(0, 0)]).toBeCloseTo(1 / 9, 6);
    expect(fast[at(3, 3)]).toBeCloseTo(2 / 9, 6);
    expect(cpu[at(3, 3)]).toBeCloseTo(2 / 9, 6);
    tf.dispose([x, dy]);
  });
});
