import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import { allowFastModule } from '../fast/module.js';
import { BATCH_NORM_GRAD, BATCH_NORM_TRAINING } from './batch-norm.js';
import './register-kernels.js';

const EPSILON = 1e-3;

// Rows × features: vector lanes only, a scalar tail, one feature, rows past several 64-row blocks, a rank-4 input.
const shapes: Array<[string, number[]]> = [
  ['8 features (vector lanes)', [10, 8]],
  ['7 features (vector and scalar lanes)', [9, 7]],
  ['one feature', [13, 1]],
  ['200 rows (three whole 64-row blocks and a part)', [200, 6]],
  ['rank 4, 32 features', [4, 5, 5, 32]],
];

afterEach(() => {
  allowFastModule(true);
});

/** Plain float64 loops over [rows, cols]: the moments, the output and the gradient of `Σ dy·y + Σ dm·mean + Σ dv·var`. */
function reference(x: Float32Array, gamma: Float32Array, beta: Float32Array, dy: Float32Array, dm: Float32Array, dv: Float32Array, cols: number) {
  const rows = x.length / cols;
  const mean = new Float64Array(cols), variance = new Float64Array(cols), y = new Float64Array(x.length), dx = new Float64Array(x.length);
  const dgamma = new Float64Array(cols), dbeta = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) mean[c] += x[r * cols + c]! / rows;
    for (let r = 0; r < rows; r++) variance[c] += (x[r * cols + c]! - mean[c]!) ** 2 / rows;
    const inv = 1 / Math.sqrt(variance[c]! + EPSILON);
    let sumDy = 0, sumDyXhat = 0;
    for (let r = 0; r < rows; r++) {
      const i = r * cols + c;
      const xhat = (x[i]! - mean[c]!) * inv;
      y[i] = gamma[c]! * xhat + beta[c]!;
      sumDy += dy[i]!;
      sumDyXhat += dy[i]! * xhat;
    }
    dgamma[c] = sumDyXhat;
    dbeta[c] = sumDy;
    for (let r = 0; r < rows; r++) {
      const i = r * cols + c;
      const xhat = (x[i]! - mean[c]!) * inv;
      dx[i] = (gamma[c]! * inv * (rows * dy[i]! - sumDy - xhat * sumDyXhat)) / rows + dm[c]! / rows + (2 * dv[c]! * (x[i]! - mean[c]!)) / rows;
    }
  }
  return { mean, variance, y, dx, dgamma, dbeta };
}

function run(shape: number[], seed: number) {
  const cols = shape[shape.length - 1]!;
  const x = tf.randomUniform(shape, 2, 5, 'float32', seed);
  const gamma = tf.randomUniform([cols], 0.5, 1.5, 'float32', seed + 1);
  const beta = tf.randomUniform([cols], -1, 1, 'float32', seed + 2);
  const dy = tf.randomUniform(shape, -1, 1, 'float32', seed + 3);
  const dmean = tf.randomUniform([cols], -1, 1, 'float32', seed + 4);
  const dvariance = tf.randomUniform([cols], -1, 1, 'float32', seed + 5);
  const buffers = tf.backend().numDataIds();
  const forward = tf.engine().runKernel(BATCH_NORM_TRAINING, { x, gamma, beta }, { epsilon: EPSILON }) as tf.Tensor[];
  const [, mean, variance] = forward;
  const backward = tf.engine().runKernel(BATCH_NORM_GRAD, { dy, x, mean: mean!, variance: variance!, gamma, dmean, dvariance }, { epsilon: EPSILON }) as tf.Tensor[];
  expect(tf.backend().numDataIds() - buffers, 'buffers left besides the six outputs').toBe(6);
  const want = reference(...([x, gamma, beta, dy, dmean, dvariance].map((t) => t.dataSync() as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array]), cols);
  tf.dispose([x, gamma, beta, dy, dmean, dvariance]);
  return { got: [...forward, ...backward], want: [want.y, want.mean, want.variance, want.dx, want.dgamma, want.dbeta] };
}

const NAMES = ['y', 'mean', 'variance', 'dx', 'dgamma', 'dbeta'];

describe.each([
  ['on the SIMD module', true],
  ['composed, without the SIMD module', false],
])(`${BATCH_NORM_TRAINING} and ${BATCH_NORM_GRAD} %s`, (_, simd) => {
  it.each(shapes)('%s: match float64 loops', (__, shape) => {
    allowFastModule(simd);
    const { got, want } = run(shape, 1);
    got.forEach((t, i) => {
      expect(t.shape, NAMES[i]).toEqual(i === 0 || i === 3 ? shape : [shape[shape.length - 1]]);
      expectTensorsClose(t, { shape: t.shape, data: want[i]! }, { rtol: 1e-4, atol: 1e-4 });
    });
    tf.dispose(got);
  });
});

describe('batch-normalization kernels: argument checks', () => {
  it('refuse a gamma that does not match the last axis, naming both shapes', () => {
    const x = tf.ones([4, 3]);
    const gamma = tf.ones([4]);
    const beta = tf.zeros([3]);
    expect(() => tf.engine().runKernel(BATCH_NORM_TRAINING, { x, gamma, beta }, { epsilon: EPSILON }))
      .toThrow(`${BATCH_NORM_TRAINING}: expected gamma float32 of shape [3], received float32 [4].`);
    tf.dispose([x, gamma, beta]);
  });
});
