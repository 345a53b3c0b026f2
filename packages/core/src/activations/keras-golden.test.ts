import { describe, expect, it } from 'vitest';
import { compareGolden, describeEachBackend, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden } from '@strata/test-utils';
import { type Tensor, activations, grad, ops } from '@strata/core';

type Kwargs = Record<string, number | string | boolean | null>;

/** The Strata function for a fixture's Keras activation name and keyword arguments. */
function activationFor(name: string, kw: Kwargs): (x: Tensor) => Tensor {
  const num = (k: string, d: number) => (kw[k] == null ? d : Number(kw[k]));
  switch (name) {
    case 'relu':
      return (x) => activations.relu(x, { negativeSlope: num('negative_slope', 0), maxValue: kw.max_value == null ? null : Number(kw.max_value), threshold: num('threshold', 0) });
    case 'leaky_relu':
      return (x) => activations.leakyRelu(x, num('negative_slope', 0.2));
    case 'elu':
      return (x) => activations.elu(x, num('alpha', 1));
    case 'gelu':
      return (x) => activations.gelu(x, kw.approximate === true || kw.approximate === 'True');
    case 'softmax':
      return (x) => activations.softmax(x, num('axis', -1));
    case 'log_softmax':
      return (x) => activations.logSoftmax(x, num('axis', -1));
    case 'threshold':
      return (x) => activations.threshold(x, num('threshold', 0), num('default_value', 0));
    default:
      return activations.get(name);
  }
}

/**
 * Points where an activation has no derivative. Keras' JAX backend and tfjs pick different subgradients there
 * (JAX splits ties of max/min in half, tfjs gives one side all of it), so gradients are compared everywhere except
 * at inputs exactly on a kink; values are compared everywhere.
 */
function kinks(name: string, kw: Kwargs): number[] {
  const num = (k: string, d: number) => (kw[k] == null ? d : Number(kw[k]));
  switch (name) {
    case 'relu':
      return [0, num('threshold', 0), ...(kw.max_value == null ? [] : [Number(kw.max_value)])];
    case 'relu6':
      return [0, 6];
    case 'leaky_relu':
    case 'elu':
    case 'selu':
      return [0];
    case 'hard_sigmoid':
    case 'hard_silu':
      return [-3, 3];
    case 'hard_tanh':
    case 'sparse_sigmoid':
      return [-1, 1];
    case 'hard_shrink':
    case 'soft_shrink':
      return [-num('threshold', 0.5), num('threshold', 0.5)];
    case 'threshold':
      return [num('threshold', 0)];
    default:
      return [];
  }
}

function maskAt(values: ArrayLike<number>, x: ArrayLike<number>, points: number[]): Float32Array {
  const out = Float32Array.from(values);
  for (let i = 0; i < out.length; i++) if (points.some((p) => Math.abs(x[i]! - p) < 1e-6)) out[i] = 0;
  return out;
}

/**
 * Keras 3.15.1's JAX sparsemax sums the cumulative sums over the support instead of taking the last one, so its rows
 * do not sum to 1 (the fixture's first row sums to 0.25). Strata computes sparsemax as defined (Martins & Astudillo,
 * 2016); it is checked against that definition below instead.
 */
const KERAS_DEPARTURES = new Set(['activations/sparsemax']);

const CASES = listKerasGolden('activations/').filter((name) => !KERAS_DEPARTURES.has(name));

describe('Keras activation fixtures', () => {
  it('cover every activation in the seed and Keras 3', () => {
    expect(CASES.length + KERAS_DEPARTURES.size).toBeGreaterThanOrEqual(40);
  });
});

describeEachBackend('activations match Keras 3.15.1', () => {
  it.each(CASES)('%s: values and input gradients', (name) => {
    const c = kerasGolden(name) as unknown as { activation: string; kwargs: Kwargs; x: never; y: never; grad: never; cotangent: never; serialized: string };
    const f = activationFor(c.activation, c.kwargs ?? {});
    const x = goldenTensor(c.x);
    const y = f(x);
    const r = compareGolden(y.dataSync(), y.shape, c.y, goldenTolerance(name, 'value'));
    expect(r.ok, r.message).toBe(true);
    const ct = goldenTensor(c.cotangent);
    const g = grad((v: Tensor) => ops.sum(ops.mul(f(v), ct)))(x);
    const points = kinks(c.activation, c.kwargs ?? {});
    const xs = x.dataSync();
    const expectedGrad = { ...(c.grad as { shape: number[]; dtype: string; data: Float32Array }) };
    expectedGrad.data = maskAt(expectedGrad.data, xs, points);
    const rg = compareGolden(maskAt(g.dataSync(), xs, points), g.shape, expectedGrad as never, goldenTolerance(name, 'grad'));
    expect(rg.ok, rg.message).toBe(true);
    if (!c.kwargs || Object.keys(c.kwargs).length === 0) expect(activations.serialize(activations.get(c.serialized))).toBe(c.serialized === 'swish' ? 'silu' : c.serialized);
  });
});

describe('sparsemax (where Keras 3.15 departs from its definition)', () => {
  it('projects each row onto the simplex: rows sum to 1 and match the sorted-threshold formula', () => {
    const rows = [
      [1, 0.5, 0],
      [2, -1, 0.3, 0.1],
      [0, 0, 0, 0],
    ];
    for (const row of rows) {
      const y = Array.from(activations.sparsemax(ops.tensor([row])).dataSync());
      const z = [...row].sort((a, b) => b - a);
      let k = 0;
      let cum = 0;
      let tauCum = 0;
      z.forEach((v, i) => {
        cum += v;
        if (1 + (i + 1) * v > cum) {
          k = i + 1;
          tauCum = cum;
        }
      });
      const tau = (tauCum - 1) / k;
      row.forEach((v, i) => expect(y[i]).toBeCloseTo(Math.max(v - tau, 0), 6));
      expect(y.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });
});
