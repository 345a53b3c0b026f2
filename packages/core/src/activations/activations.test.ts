import { describe, expect, it } from 'vitest';
import { describeEachBackend, expectTensorsClose, checkGradients, expectNoLeaks } from '@strata/test-utils';
import { activations, dispose, tensor } from '@strata/core';

// Reference formulas in float64, written from Keras 3's definitions (keras/src/activations/activations.py).
function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const softplus = (x: number) => (x > 30 ? x : Math.log1p(Math.exp(x)));
const SELU_A = 1.6732632423543772;
const SELU_S = 1.0507009873554805;
const relu6 = (x: number) => Math.min(Math.max(x, 0), 6);

const REFERENCE: Record<string, (x: number) => number> = {
  relu: (x) => Math.max(x, 0),
  relu6,
  leaky_relu: (x) => (x > 0 ? x : 0.2 * x),
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  selu: (x) => SELU_S * (x > 0 ? x : SELU_A * Math.expm1(x)),
  softplus,
  softsign: (x) => x / (Math.abs(x) + 1),
  silu: (x) => x * sigmoid(x),
  swish: (x) => x * sigmoid(x),
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  tanh: Math.tanh,
  sigmoid,
  exponential: Math.exp,
  hard_sigmoid: (x) => relu6(x + 3) / 6,
  hard_silu: (x) => (x * relu6(x + 3)) / 6,
  linear: (x) => x,
  mish: (x) => x * Math.tanh(softplus(x)),
  log_sigmoid: (x) => -softplus(-x),
};

const INPUTS = [-20, -6, -3.5, -1, -0.3, 0, 0.25, 1, 2.9, 3.1, 6, 7.5, 20];
const CASES = Object.keys(REFERENCE).map((name) => [name] as const);

describeEachBackend('activations', () => {
  it.each(CASES)('%s matches its Keras 3 formula over the input table', (name) => {
    const x = tensor(INPUTS);
    const f = activations.get(name);
    const expected = INPUTS.map(REFERENCE[name]!);
    expectTensorsClose(f(x), name === 'exponential' ? expected : expected, { rtol: 2e-5, atol: 2e-6 });
  });

  it('hard_sigmoid is Keras 3 relu6(x + 3) / 6, not Keras 2 clip(0.2x + 0.5)', () => {
    // At x = 2 Keras 3 gives 5/6; Keras 2's formula would give 0.9.
    expectTensorsClose(activations.hardSigmoid(tensor([2])), [5 / 6], { atol: 1e-6 });
  });

  it('gelu approximate uses the tanh form', () => {
    const ref = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    expectTensorsClose(activations.gelu(tensor(INPUTS), true), INPUTS.map(ref), { rtol: 2e-5, atol: 2e-6 });
  });

  it.each([
    [{ maxValue: 6 }, (x: number) => relu6(x)],
    [{ maxValue: 2.5 }, (x: number) => Math.min(Math.max(x, 0), 2.5)],
    [{ negativeSlope: 0.1 }, (x: number) => (x > 0 ? x : 0.1 * x)],
    [{ threshold: 1 }, (x: number) => (x > 1 ? x : 0)],
    [{ negativeSlope: 0.1, threshold: 1, maxValue: 5 }, (x: number) => (x > 1 ? Math.min(x, 5) : 0) - 0.1 * Math.max(1 - x, 0)],
  ])('relu with %o follows Keras', (opts, ref) => {
    expectTensorsClose(activations.relu(tensor(INPUTS), opts), INPUTS.map(ref), { rtol: 1e-6, atol: 1e-6 });
  });

  it.each([
    ['softmax', -1],
    ['softmax', 0],
    ['log_softmax', -1],
    ['log_softmax', 0],
  ] as const)('%s along axis %i sums to one', (name, axis) => {
    const data = [
      [1, 2, 3],
      [-1, 0, 10],
    ];
    const x = tensor(data);
    const out = name === 'softmax' ? activations.softmax(x, axis) : activations.logSoftmax(x, axis);
    const ax = axis < 0 ? 1 : 0;
    const rows = ax === 1 ? data : data[0]!.map((_, j) => data.map((r) => r[j]!));
    const ref = rows.map((r) => {
      const m = Math.max(...r);
      const z = r.reduce((a, v) => a + Math.exp(v - m), 0);
      return r.map((v) => (name === 'softmax' ? Math.exp(v - m) / z : v - m - Math.log(z)));
    });
    const expected = ax === 1 ? ref : data.map((r, i) => r.map((_, j) => ref[j]![i]!));
    expectTensorsClose(out, expected, { rtol: 1e-5, atol: 1e-6 });
  });

  it.each(CASES.filter(([n]) => !['relu', 'relu6', 'hard_sigmoid', 'hard_silu', 'leaky_relu', 'elu', 'selu'].includes(n)))(
    '%s has correct gradients',
    (name) => {
      const f = activations.get(name);
      checkGradients((x) => f(x), [tensor([-2.3, -0.7, 0.4, 1.7, 2.2])]);
    },
  );

  it.each([['relu'], ['relu6'], ['hard_sigmoid'], ['hard_silu'], ['leaky_relu'], ['elu'], ['selu']])(
    '%s has correct gradients away from its kinks',
    (name) => {
      const f = activations.get(name);
      checkGradients((x) => f(x), [tensor([-4.1, -2.3, -0.7, 0.4, 1.7, 2.2, 6.6])]);
    },
  );

  it('leaves no tensors behind', async () => {
    const x = tensor(INPUTS);
    await expectNoLeaks(() => {
      for (const [name] of CASES) {
        const y = activations.get(name)(x);
        if (y !== x) dispose(y); // linear returns its input, as Keras does
      }
      dispose([activations.softmax(x), activations.logSoftmax(x), activations.gelu(x, true)]);
    });
    x.dispose();
  });
});

describe('activations registry', () => {
  it.each([['hard_sigmoid'], ['hardSigmoid'], ['HardSigmoid']])('get(%s) resolves every spelling', (name) => {
    expect(activations.get(name)).toBe(activations.get('hard_sigmoid'));
  });

  it('serializes functions to their Keras names and back', () => {
    expect(activations.serialize(activations.get('swish'))).toBe('silu');
    expect(activations.serialize(activations.get('relu'))).toBe('relu');
    expect(activations.deserialize('gelu')).toBe(activations.get('gelu'));
    expect(activations.serialize(null)).toBe('linear');
  });

  it('rejects an unknown name and lists the accepted ones', () => {
    expect(() => activations.get('relu7')).toThrow(/Unknown activation: "relu7". Accepted names: .*hard_sigmoid.*relu6/);
  });
});
