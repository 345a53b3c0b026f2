import { describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, ops, registerKerasSerializable, tensor, toKerasJson, type SerializedObject, type Tensor } from '@strata/core';
import { expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { Constraint, FunctionConstraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm, deserialize, get, registry, serialize } from './index.js';

const EPS = 1e-7; // keras.config.epsilon()

/** Float32-representable pseudo-random values in [-1.5, 1.5) from an LCG, independent of Strata's generators. */
function sample(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround(3 * (s / 2 ** 32) - 1.5);
  });
}

/** For each element of a row-major array, the L2 norm of its group along `axes` (float64). */
function groupNorms(v: number[], shape: number[], axes: number[]): number[] {
  const reduced = new Set(axes.map((a) => (a < 0 ? shape.length + a : a)));
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));
  const key = (flat: number): string => shape.map((_, d) => (reduced.has(d) ? 0 : Math.floor(flat / strides[d]!) % shape[d]!)).join(',');
  const sums = new Map<string, number>();
  v.forEach((x, i) => sums.set(key(i), (sums.get(key(i)) ?? 0) + x * x));
  return v.map((_, i) => Math.sqrt(sums.get(key(i))!));
}

const clip = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);
const axesOf = (axis: number | number[]): number[] => (Array.isArray(axis) ? axis : [axis]);

function apply(c: Constraint, v: number[], shape: number[]): Tensor {
  const w = tensor(v, shape);
  const out = c.call(w);
  dispose(w);
  return out;
}

describe('MaxNorm', () => {
  it.each([
    { name: 'defaults (2, axis 0) on a Dense kernel', shape: [4, 6], opts: {}, maxValue: 2, axis: 0 },
    { name: 'maxValue 1, axis 1', shape: [5, 3], opts: { maxValue: 1, axis: 1 }, maxValue: 1, axis: 1 },
    { name: 'Conv2D filters, axis [0, 1, 2]', shape: [2, 2, 3, 4], opts: { maxValue: 2.5, axis: [0, 1, 2] }, maxValue: 2.5, axis: [0, 1, 2] },
    { name: 'axis -1', shape: [3, 7], opts: { maxValue: 1.8, axis: -1 }, maxValue: 1.8, axis: -1 },
  ])('$name: w · clip(norm, 0, max) / (ε + norm)', ({ shape, opts, maxValue, axis }) => {
    const v = sample(shape.reduce((a, b) => a * b, 1), shape.length * 7 + shape[0]!);
    const norms = groupNorms(v, shape, axesOf(axis));
    // The data must exercise both branches: some norms above the limit, some below.
    expect(norms.some((n) => n > maxValue) && norms.some((n) => n < maxValue)).toBe(true);
    const expected = v.map((x, i) => (x * clip(norms[i]!, 0, maxValue)) / (EPS + norms[i]!));
    expectTensorsClose(apply(new MaxNorm(opts), v, shape), { shape, data: expected }, { rtol: 1e-5, atol: 1e-6 });
  });
});

describe('MinMaxNorm', () => {
  it.each([
    { name: 'defaults (0, 1, rate 1, axis 0)', shape: [4, 6], opts: {}, min: 0, max: 1, rate: 1, axis: 0 },
    { name: 'min 1.2, max 1.6, rate 0.7', shape: [4, 6], opts: { minValue: 1.2, maxValue: 1.6, rate: 0.7 }, min: 1.2, max: 1.6, rate: 0.7, axis: 0 },
    { name: 'axis [0, 1, 2]', shape: [2, 2, 2, 5], opts: { minValue: 1.5, maxValue: 2, rate: 1, axis: [0, 1, 2] }, min: 1.5, max: 2, rate: 1, axis: [0, 1, 2] },
  ])('$name: w · (rate·clip(norm) + (1 − rate)·norm) / (ε + norm)', ({ shape, opts, min, max, rate, axis }) => {
    const v = sample(shape.reduce((a, b) => a * b, 1), shape.length * 13 + shape[0]!);
    const norms = groupNorms(v, shape, axesOf(axis));
    // The data must exercise the clipping: norms above the maximum and, with a positive minimum, below it.
    expect(norms.some((n) => n > max) && (min === 0 || norms.some((n) => n < min))).toBe(true);
    const expected = v.map((x, i) => (x * (rate * clip(norms[i]!, min, max) + (1 - rate) * norms[i]!)) / (EPS + norms[i]!));
    expectTensorsClose(apply(new MinMaxNorm(opts), v, shape), { shape, data: expected }, { rtol: 1e-5, atol: 1e-6 });
  });
});

describe('UnitNorm', () => {
  it.each([
    { name: 'axis 0', shape: [4, 6], axis: 0 },
    { name: 'axis 1', shape: [4, 6], axis: 1 },
    { name: 'axis [0, 1, 2]', shape: [3, 3, 2, 4], axis: [0, 1, 2] },
  ])('$name: w / (ε + norm)', ({ shape, axis }) => {
    const v = sample(shape.reduce((a, b) => a * b, 1), 99 + shape.length);
    const norms = groupNorms(v, shape, axesOf(axis));
    const expected = v.map((x, i) => x / (EPS + norms[i]!));
    expectTensorsClose(apply(new UnitNorm({ axis }), v, shape), { shape, data: expected }, { rtol: 1e-5, atol: 1e-6 });
  });

  it('maps a zero vector to zeros (ε keeps it finite)', () => {
    expectTensorsClose(apply(new UnitNorm(), [0, 3, 0, 4], [2, 2]), [[0, 0.6], [0, 0.8]], { atol: 1e-6 });
  });
});

describe('NonNeg', () => {
  it('is max(w, 0)', () => {
    const v = sample(20, 5);
    expectTensorsClose(apply(new NonNeg(), v, [4, 5]), { shape: [4, 5], data: v.map((x) => Math.max(x, 0)) }, { atol: 0, rtol: 0 });
  });
});

describe('constraints.get / serialize / deserialize', () => {
  it.each([
    ['max_norm', MaxNorm, { maxValue: 2, axis: 0 }], ['maxNorm', MaxNorm, { maxValue: 2, axis: 0 }], ['MaxNorm', MaxNorm, { maxValue: 2, axis: 0 }],
    ['min_max_norm', MinMaxNorm, { minValue: 0, maxValue: 1, rate: 1, axis: 0 }],
    ['non_neg', NonNeg, {}], ['nonneg', NonNeg, {}], ['unit_norm', UnitNorm, { axis: 0 }], ['unitnorm', UnitNorm, { axis: 0 }],
  ] as const)('%s', (name, cls, config) => {
    const c = get(name);
    expect(c).toBeInstanceOf(cls);
    expect(c.getConfig()).toEqual(config);
  });

  it('returns instances as is, null for null, wraps functions', () => {
    const c = new NonNeg();
    expect(get(c)).toBe(c);
    expect(get(undefined)).toBeNull();
    const fn = get((w: Tensor) => ops.clipByValue(w, -1, 1));
    expect(fn).toBeInstanceOf(FunctionConstraint);
    expectTensorsClose(apply(fn, [-3, 0.5, 2], [3]), [-1, 0.5, 1]);
  });

  it('names the accepted names for an unknown one', () => {
    expect(() => get('max_normal')).toThrow(/Unknown constraint: "max_normal". Accepted names: MaxNorm, MinMaxNorm, NonNeg, UnitNorm/);
    expect(registry.names()).toEqual(['MaxNorm', 'MinMaxNorm', 'NonNeg', 'UnitNorm']);
  });

  it.each([
    ['MaxNorm', new MaxNorm({ maxValue: 3, axis: [0, 1, 2] })],
    ['MinMaxNorm', new MinMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.5, axis: 1 })],
    ['NonNeg', new NonNeg()],
    ['UnitNorm', new UnitNorm({ axis: -1 })],
  ] as Array<[string, Constraint]>)('%s round-trips through the envelope and Keras JSON', (className, c) => {
    const envelope = serialize(c);
    expect(envelope).toEqual({ module: 'keras.constraints', className, config: c.getConfig(), registeredName: null });
    for (const config of [envelope, fromKerasJson(toKerasJson(envelope)) as unknown as SerializedObject]) {
      const back = deserialize(config);
      expect(back.constructor).toBe(c.constructor);
      expect(back.getConfig()).toEqual(c.getConfig());
    }
  });

  it("reads Keras' snake_case config", () => {
    const c = deserialize(fromKerasJson({ class_name: 'MinMaxNorm', config: { min_value: 0.1, max_value: 0.9, rate: 0.5, axis: 0 } }) as unknown as SerializedObject);
    expect(c.getConfig()).toEqual({ minValue: 0.1, maxValue: 0.9, rate: 0.5, axis: 0 });
  });

  it('round-trips a registered function', () => {
    const abs = (w: Tensor): Tensor => ops.abs(w);
    const name = registerKerasSerializable(abs, { package: 'ConstraintTest' });
    const envelope = serialize(get(abs));
    expect(envelope).toMatchObject({ className: 'function', registeredName: name });
    expectTensorsClose(apply(deserialize(envelope), [-2, 3], [2]), [2, 3]);
  });

  it('leaves no tensors behind', async () => {
    const w = tensor(sample(24, 8), [4, 6]);
    await expectNoLeaks(() => {
      for (const c of [new MaxNorm(), new MinMaxNorm({ rate: 0.5 }), new NonNeg(), new UnitNorm({ axis: [0, 1] })]) dispose(c.call(w));
    });
    dispose(w);
  });
});
