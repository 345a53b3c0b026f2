import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGradients, describeEachBackend, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { batchNormTraining } from './batch-norm-training.js';

const FLAG = 'STRATA_FAST_KERNELS';

interface Case {
  x: number[];
  axes: number[];
  gamma: boolean;
  beta: boolean;
}

const cases: Array<[string, Case]> = [
  ['channels last, 4D (Conv2D features), gamma and beta', { x: [3, 4, 5, 6], axes: [0, 1, 2], gamma: true, beta: true }],
  ['channels last, 2D (Dense features), 7 features (vector and scalar lanes)', { x: [10, 7], axes: [0], gamma: true, beta: true }],
  ['channels last, more rows than a 64-row block', { x: [150, 5], axes: [0], gamma: true, beta: true }],
  ['channels first (axis 1), 4D', { x: [2, 3, 4, 5], axes: [0, 2, 3], gamma: true, beta: true }],
  ['two feature axes', { x: [4, 3, 2], axes: [0], gamma: true, beta: true }],
  ['no gamma (scale: false)', { x: [6, 2, 4], axes: [0, 1], gamma: false, beta: true }],
  ['no beta (center: false)', { x: [6, 2, 4], axes: [0, 1], gamma: true, beta: false }],
  ['neither', { x: [5, 3], axes: [0], gamma: false, beta: false }],
  ['negative axes', { x: [4, 3, 5], axes: [-3, -2], gamma: true, beta: true }],
];

const EPSILON = 1e-3;

function featureShape(c: Case): number[] {
  const axes = c.axes.map((a) => (a < 0 ? a + c.x.length : a));
  return c.x.filter((_, i) => !axes.includes(i));
}

/** x far from zero mean, so the centring matters; gamma and beta away from 0 and 1. */
function inputs(c: Case, seed = 1): tf.Tensor[] {
  const f = featureShape(c);
  return [
    tf.randomUniform(c.x, 1, 4, 'float32', seed),
    ...(c.gamma ? [tf.randomUniform(f, 0.5, 1.5, 'float32', seed + 1)] : []),
    ...(c.beta ? [tf.randomUniform(f, -1, 1, 'float32', seed + 2)] : []),
  ];
}

/** The op as a function of the inputs `inputs` returns (x, gamma?, beta?). */
const opOf = (c: Case) => (x: tf.Tensor, ...rest: tf.Tensor[]) => {
  const gamma = c.gamma ? rest.shift()! : null;
  const beta = c.beta ? rest.shift()! : null;
  return batchNormTraining(x, { axes: c.axes, gamma, beta, epsilon: EPSILON });
};

/** The formula as BatchNormalization composed it before (Keras' batch_normalization over moments), differentiated by tfjs. */
const referenceOf = (c: Case) => (x: tf.Tensor, ...rest: tf.Tensor[]) => {
  const axes = c.axes.map((a) => (a < 0 ? a + c.x.length : a));
  const keep = c.x.map((d, i) => (axes.includes(i) ? 1 : d));
  const { mean, variance } = tf.moments(x, axes, true);
  let inv = tf.rsqrt(tf.add(variance, EPSILON));
  if (c.gamma) inv = tf.mul(inv, tf.reshape(rest.shift()!, keep));
  let res = tf.mul(tf.neg(mean), inv);
  if (c.beta) res = tf.add(res, tf.reshape(rest.shift()!, keep));
  return { output: tf.add(tf.mul(x, inv), res), mean: tf.reshape(mean, featureShape(c)), variance: tf.reshape(variance, featureShape(c)) };
};

const weightedSum = (t: tf.Tensor) => tf.sum(tf.mul(t, tf.reshape(tf.linspace(0.5, 2, t.size), t.shape)));

/** A loss of the output and of both statistics, so gradients flow through all three. */
const objective = (r: { output: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor }) =>
  tf.add(weightedSum(r.output), tf.add(tf.mul(weightedSum(r.mean), 0.3), tf.mul(weightedSum(r.variance), -0.7)));

describeEachBackend('ops.batchNormTraining', () => {
  it.each(cases)('%s: output and statistics equal the composed formula', (_, c) => {
    const xs = inputs(c);
    const got = opOf(c)(xs[0]!, ...xs.slice(1));
    const want = referenceOf(c)(xs[0]!, ...xs.slice(1));
    expect(got.mean.shape).toEqual(featureShape(c));
    expectTensorsClose(got.output, want.output, { rtol: 1e-5, atol: 1e-5 });
    expectTensorsClose(got.mean, want.mean, { rtol: 1e-6, atol: 1e-6 });
    expectTensorsClose(got.variance, want.variance, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([...xs, got.output, got.mean, got.variance, want.output, want.mean, want.variance]);
  });

  it.each(cases)('%s: gradients of x, gamma and beta (through the output, mean and variance) equal tfjs\' gradients of the composed formula, leaving no tensors', async (_, c) => {
    const xs = inputs(c, 3);
    await expectNoLeaks(() => {
      const got = tf.grads((...ts: tf.Tensor[]) => objective(opOf(c)(ts[0]!, ...ts.slice(1))))(xs);
      const want = tf.grads((...ts: tf.Tensor[]) => objective(referenceOf(c)(ts[0]!, ...ts.slice(1))))(xs);
      got.forEach((g, i) => expectTensorsClose(g, want[i]!, { rtol: 1e-3, atol: 1e-5 }));
      tf.dispose([...got, ...want]);
    });
    tf.dispose(xs);
  });

  it.each([
    ['channels last', { x: [2, 3, 2, 4], axes: [0, 1, 2], gamma: true, beta: true }],
    ['channels first', { x: [3, 2, 2, 2], axes: [0, 2, 3], gamma: true, beta: true }],
    ['no gamma', { x: [6, 3], axes: [0], gamma: false, beta: true }],
  ] as Array<[string, Case]>)('%s: gradients equal numerical gradients', (_, c) => {
    const xs = inputs(c, 5);
    checkGradients((x, ...rest) => opOf(c)(x!, ...rest).output, xs, { eps: 1e-2, rtol: 2e-2, atol: 2e-3 });
    tf.dispose(xs);
  });

  it('second derivatives (of x and gamma, through the gradient of x) equal those of the composed formula', () => {
    const c: Case = { ...cases[0]![1], beta: false };
    const xs = inputs(c, 7);
    const secondOf = (f: (x: tf.Tensor, ...rest: tf.Tensor[]) => { output: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor }) =>
      tf.grads((...ts: tf.Tensor[]) => {
        const [dx] = tf.grads((x: tf.Tensor) => objective(f(x, ...ts.slice(1))))([ts[0]!]);
        return tf.sum(tf.square(dx!));
      })(xs);
    const got = secondOf(opOf(c));
    const want = secondOf(referenceOf(c));
    got.forEach((g, i) => expectTensorsClose(g, want[i]!, { rtol: 2e-3, atol: 1e-5 }));
    tf.dispose([...xs, ...got, ...want]);
  });

  it('refuses gamma of the wrong shape, naming both', () => {
    const x = tf.ones([2, 3]);
    const gamma = tf.ones([2]);
    expect(() => batchNormTraining(x, { axes: [0], gamma })).toThrow(/expected gamma of shape \[3\].*received \[2\]/);
    tf.dispose([x, gamma]);
  });
});

describe('ops.batchNormTraining on wasm: the fused kernels against the composed op', () => {
  let previous = true;
  beforeEach(() => {
    previous = tf.env().getBool(FLAG);
    tf.env().set(FLAG, true); // also when the suite runs with STRATA_FAST_KERNELS=0
  });
  afterEach(() => {
    tf.env().set(FLAG, previous);
  });

  it.each(cases)('%s: outputs and gradients agree to float32 rounding', (_, c) => {
    const xs = inputs(c, 9);
    const run = () => {
      const { output, mean, variance } = opOf(c)(xs[0]!, ...xs.slice(1));
      const g = tf.grads((...ts: tf.Tensor[]) => objective(opOf(c)(ts[0]!, ...ts.slice(1))))(xs);
      return [output, mean, variance, ...g];
    };
    const fast = run();
    tf.env().set(FLAG, false);
    let composed: tf.Tensor[];
    try {
      composed = run();
    } finally {
      tf.env().set(FLAG, true);
    }
    // dgamma sums dy · (x − mean) over a batch, with cancellation: both paths round at about 1e-4 of its terms.
    fast.forEach((t, i) => expectTensorsClose(t, composed[i]!, { rtol: 1e-4, atol: 1e-4 }));
    tf.dispose([...xs, ...fast, ...composed]);
  });

  it('runs as one kernel forward and one backward when the features are on the last axis', async () => {
    const c = cases[0]![1];
    const xs = inputs(c, 11);
    const info = await tf.profile(() => {
      tf.dispose(tf.grads((...ts: tf.Tensor[]) => tf.sum(opOf(c)(ts[0]!, ...ts.slice(1)).output))(xs));
    });
    expect(info.kernelNames).toContain('StrataBatchNormTraining');
    expect(info.kernelNames).toContain('StrataBatchNormGrad');
    for (const composed of ['Mean', 'Rsqrt', 'SquaredDifference']) expect(info.kernelNames).not.toContain(composed);
    tf.dispose(xs);
  });
});
