import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import { allowFastModule } from '../fast/module.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

type Case = [string, { kernel: string; saved: 'x' | 'y'; attrs?: tf.NamedAttrMap; reference: (dy: tf.Tensor, s: tf.Tensor) => tf.Tensor; range?: [number, number] }];

// tfjs' own gradient formulas, evaluated on the cpu backend.
const cases: Case[] = [
  ['ReLU', { kernel: 'StrataReluGrad', saved: 'x', attrs: { lo: 0, hi: Infinity }, reference: (dy, x) => tf.mul(dy, tf.cast(tf.step(x), 'float32')) }],
  ['ReLU6', { kernel: 'StrataReluGrad', saved: 'x', attrs: { lo: 0, hi: 6 }, range: [-3, 9], reference: (dy, x) => tf.mul(dy, tf.cast(tf.mul(tf.lessEqual(x, 6), tf.step(x)), 'float32')) }],
  ['LeakyReLU', { kernel: 'StrataLeakyReluGrad', saved: 'x', attrs: { alpha: 0.3 }, reference: (dy, x) => tf.where(tf.greater(x, 0), dy, tf.mul(dy, 0.3)) }],
  ['sigmoid', { kernel: 'StrataSigmoidGrad', saved: 'y', range: [0, 1], reference: (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y))) }],
  ['tanh', { kernel: 'StrataTanhGrad', saved: 'y', range: [-1, 1], reference: (dy, y) => tf.mul(tf.sub(1, tf.square(y)), dy) }],
  ['softmax', { kernel: 'StrataSoftmaxGrad', saved: 'y', range: [0, 1], reference: (dy, y) => { const d = tf.mul(dy, y); return tf.sub(d, tf.mul(tf.sum(d, -1, true), y)); } }],
];

// Sizes with and without a tail past the last group of four lanes; exact zeros and the ReLU6 edge included.
const shapes: number[][] = [[3], [4, 4], [2, 3, 5], [2, 7, 7, 9]];

function savedValues(shape: number[], [lo, hi]: [number, number], seed: number): tf.Tensor {
  const t = tf.randomUniform(shape, lo, hi, 'float32', seed);
  const v = t.dataSync().slice();
  t.dispose();
  if (v.length > 2) [v[0], v[1]] = [0, 6];
  return tf.tensor(v, shape);
}

describe('activation-gradient kernels on wasm', () => {
  describe.each(cases)('%s', (_, c) => {
    const table = shapes.flatMap((s) => [[s.join('×'), s, 'SIMD'], [s.join('×'), s, 'composed fallback']] as const);
    it.each(table)('shape %s, %s: matches tfjs\' composed gradient on the cpu backend', async (_label, shape, path) => {
      const dy = tf.randomUniform(shape, -2, 2, 'float32', 1);
      const s = savedValues(shape, c.range ?? [-4, 4], 2);
      const previous = allowFastModule(path === 'SIMD');
      let got: tf.Tensor;
      try {
        const buffers = tf.backend().numDataIds();
        got = tf.engine().runKernel(c.kernel, { dy, [c.saved]: s }, c.attrs ?? {}) as tf.Tensor;
        expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
      } finally {
        allowFastModule(previous);
      }
      const want = await onCpu(() => c.reference(dy, s));
      expectTensorsClose(got, want, { rtol: 1e-6, atol: 1e-6 });
      tf.dispose([dy, s, got, want]);
    });
  });

  it('names what it expected when dy and the saved tensor disagree', () => {
    const dy = tf.zeros([2, 3]);
    const x = tf.zeros([3, 2]);
    expect(() => tf.engine().runKernel('StrataReluGrad', { dy, x }, { lo: 0, hi: Infinity })).toThrow('expected float32 dy and x of one shape, received float32 [2,3] and float32 [3,2]');
    tf.dispose([dy, x]);
  });
});
