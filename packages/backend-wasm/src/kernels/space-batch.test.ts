import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { kernelCalls } from '../fast/module.js';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

type Pads = Array<[number, number]>;

interface Case {
  x: number[];
  block: number[];
  paddings: Pads;
  dtype?: 'float32' | 'int32';
}

// Dilated convolutions of every rank (TensorFlow's atrous scheme), trailing dimensions beyond the channels, int32.
const cases: Array<[string, Case]> = [
  ['1D rate 3 (dilated Conv1D), trailing pad', { x: [2, 10, 5], block: [3], paddings: [[2, 3]] }],
  ['2D rate 2, no padding, four channels', { x: [3, 6, 8, 4], block: [2, 2], paddings: [[0, 0], [0, 0]] }],
  ['2D rates [2, 3], asymmetric padding, seven channels', { x: [2, 7, 7, 7], block: [2, 3], paddings: [[1, 2], [3, 2]] }],
  ['2D rates [1, 2] (Conv1D as 2D), one channel', { x: [2, 1, 9, 1], block: [1, 2], paddings: [[0, 0], [1, 0]] }],
  ['3D rates [2, 1, 2], padding', { x: [2, 5, 4, 6, 3], block: [2, 1, 2], paddings: [[1, 0], [0, 0], [2, 0]] }],
  ['2D block over a rank-5 tensor (trailing dims)', { x: [2, 4, 6, 2, 3], block: [2, 3], paddings: [[0, 2], [0, 0]] }],
  ['int32 values', { x: [1, 6, 4, 3], block: [3, 2], paddings: [[0, 0], [2, 0]], dtype: 'int32' }],
];

function input(c: Case, seed: number): tf.Tensor {
  return c.dtype === 'int32' ? tf.randomUniform(c.x, -100, 100, 'int32', seed) : tf.randomUniform(c.x, -1, 1, 'float32', seed);
}

/** `fn` with the fast kernels on (asserting that the SIMD kernel `simd` ran once), then off. */
function bothPaths(simd: string, fn: () => tf.Tensor): [tf.Tensor, tf.Tensor] {
  const before = kernelCalls[simd] ?? 0;
  const fast = fn();
  expect((kernelCalls[simd] ?? 0) - before, `${simd} runs`).toBe(1);
  setFastKernels(false);
  try {
    return [fast, fn()];
  } finally {
    setFastKernels(true);
  }
}

describe('SpaceToBatchND and BatchToSpaceND on wasm as single SIMD passes', () => {
  it.each(cases)('%s: spaceToBatchND matches the cpu backend and tfjs’ own kernel', async (_, c) => {
    const x = input(c, 1);
    const [fast, composed] = bothPaths('space_to_batch', () => tf.spaceToBatchND(x, c.block, c.paddings));
    const cpu = await onCpu(() => tf.spaceToBatchND(x, c.block, c.paddings));
    expect(fast.dtype).toBe(x.dtype);
    expectTensorsClose(fast, cpu, { rtol: 0, atol: 0 });
    expectTensorsClose(composed, cpu, { rtol: 0, atol: 0 });
    tf.dispose([x, fast, composed, cpu]);
  });

  it.each(cases)('%s: batchToSpaceND (with the paddings as crops) matches the cpu backend and inverts it', async (_, c) => {
    const x = input(c, 2);
    const batched = tf.spaceToBatchND(x, c.block, c.paddings);
    const [fast, composed] = bothPaths('batch_to_space', () => tf.batchToSpaceND(batched, c.block, c.paddings));
    const cpu = await onCpu(() => tf.batchToSpaceND(batched, c.block, c.paddings));
    expectTensorsClose(fast, cpu, { rtol: 0, atol: 0 });
    expectTensorsClose(composed, cpu, { rtol: 0, atol: 0 });
    expectTensorsClose(fast, x, { rtol: 0, atol: 0 });
    tf.dispose([x, batched, fast, composed, cpu]);
  });

  it.each(cases.filter(([, c]) => c.dtype !== 'int32'))('%s: gradients of the round trip through a product agree with numerical ones', async (_, c) => {
    const x = input(c, 3);
    const probe = tf.tidy(() => tf.spaceToBatchND(tf.zeros(c.x), c.block, c.paddings));
    const scale = tf.randomUniform(probe.shape, 0.5, 1.5, 'float32', 4);
    probe.dispose();
    await expectNoLeaks(() => checkGradients((t) => tf.batchToSpaceND(tf.mul(tf.spaceToBatchND(t, c.block, c.paddings), scale), c.block, c.paddings), [x], { eps: 1e-2, rtol: 1e-3, atol: 1e-3 }));
    tf.dispose([x, scale]);
  });
});
