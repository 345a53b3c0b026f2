import { describe, expect, it } from 'vitest';
import {
  dispose, fromKerasJson, grad, ops, registerKerasSerializable, tensor, toKerasJson, type SerializedObject, type Tensor,
} from '@strata/core';
import { expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { L1, L1L2, L2, OrthogonalRegularizer, Regularizer, FunctionRegularizer, deserialize, get, registry, serialize } from './index.js';

/** Float32-representable pseudo-random values in [-1.5, 1.5) from an LCG, independent of Strata's generators. */
function sample(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround(3 * (s / 2 ** 32) - 1.5);
  });
}

const sumAbs = (v: number[]): number => v.reduce((a, x) => a + Math.abs(x), 0);
const sumSq = (v: number[]): number => v.reduce((a, x) => a + x * x, 0);

function scalarOf(t: Tensor): number {
  expect(t.shape).toEqual([]);
  const v = t.dataSync()[0]!;
  dispose(t);
  return v;
}

/** Keras' OrthogonalRegularizer in float64 on a row-major rows × cols matrix. */
function orthogonalPenalty(v: number[], rows: number, cols: number, factor: number, mode: 'rows' | 'columns'): number {
  const n = mode === 'rows' ? rows : cols;
  const len = mode === 'rows' ? cols : rows;
  const at = (i: number, k: number): number => (mode === 'rows' ? v[i * cols + k]! : v[k * cols + i]!);
  const inv = Array.from({ length: n }, (_, i) => {
    let ss = 0;
    for (let k = 0; k < len; k++) ss += at(i, k) ** 2;
    return Math.min(1 / Math.sqrt(ss), 1e7);
  });
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let dot = 0;
      for (let k = 0; k < len; k++) dot += at(i, k) * inv[i]! * at(j, k) * inv[j]!;
      total += Math.abs(dot);
    }
  }
  return (factor * 0.5 * total) / ((n * (n - 1)) / 2);
}

describe('L1, L2, L1L2', () => {
  const v = sample(24, 1);
  const x = (): Tensor => tensor(v, [4, 6]);

  it.each([
    { name: 'L1 default (0.01)', reg: () => new L1(), expected: 0.01 * sumAbs(v) },
    { name: 'L1 0.3', reg: () => new L1({ l1: 0.3 }), expected: 0.3 * sumAbs(v) },
    { name: 'L2 default (0.01)', reg: () => new L2(), expected: 0.01 * sumSq(v) },
    { name: 'L2 2', reg: () => new L2({ l2: 2 }), expected: 2 * sumSq(v) },
    { name: 'L1L2 default (0, 0)', reg: () => new L1L2(), expected: 0 },
    { name: 'L1L2 (0.1, 0.2)', reg: () => new L1L2({ l1: 0.1, l2: 0.2 }), expected: 0.1 * sumAbs(v) + 0.2 * sumSq(v) },
    { name: 'L1L2 l2 only', reg: () => new L1L2({ l2: 0.5 }), expected: 0.5 * sumSq(v) },
    { name: "'l1_l2' (0.01, 0.01)", reg: () => get('l1_l2'), expected: 0.01 * sumAbs(v) + 0.01 * sumSq(v) },
  ])('$name', ({ reg, expected }) => {
    const input = x();
    const got = scalarOf(reg().call(input));
    dispose(input);
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
  });

  it('Keras’ example: L2(2) on ones(5, 5) is 50; L1L2 returns a scalar of the input dtype', () => {
    const ones = ops.ones([5, 5]);
    expect(scalarOf(new L2({ l2: 2 }).call(ones))).toBe(50);
    const zero = new L1L2().call(ones);
    expect([zero.shape, zero.dtype]).toEqual([[], 'float32']);
    dispose([ones, zero]);
  });

  it('has the gradient l1·sign(x) + 2·l2·x', () => {
    const input = x();
    const g = grad((t: Tensor) => new L1L2({ l1: 0.1, l2: 0.2 }).call(t))(input);
    expectTensorsClose(g, tensor(v.map((a) => 0.1 * Math.sign(a) + 0.4 * a), [4, 6]), { atol: 1e-6 });
    dispose([input, g]);
  });

  it('treats null as the default and rejects negative or non-finite factors', () => {
    expect(new L1({ l1: null }).l1).toBe(0.01);
    expect(new L1L2({ l1: null, l2: null }).getConfig()).toEqual({ l1: 0, l2: 0 });
    expect(() => new L1({ l1: -1 })).toThrow(/Invalid value for argument l1: expected a non-negative float. Received: l1=-1/);
    expect(() => new L2({ l2: Number.NaN })).toThrow(/argument l2/);
    expect(() => new L1L2({ l2: Infinity })).toThrow(/argument l2/);
  });
});

describe('OrthogonalRegularizer', () => {
  it.each([
    { mode: 'rows' as const, rows: 5, cols: 8, factor: 0.01 },
    { mode: 'columns' as const, rows: 8, cols: 5, factor: 0.3 },
    { mode: 'rows' as const, rows: 3, cols: 3, factor: 1 },
  ])('$mode of a $rows × $cols matrix, factor $factor', ({ mode, rows, cols, factor }) => {
    const v = sample(rows * cols, rows * 10 + cols);
    const input = tensor(v, [rows, cols]);
    const got = scalarOf(new OrthogonalRegularizer({ factor, mode }).call(input));
    dispose(input);
    const expected = orthogonalPenalty(v, rows, cols, factor, mode);
    expect(Math.abs(got - expected)).toBeLessThan(1e-6 * Math.max(1, expected));
    expect(expected).toBeGreaterThan(0);
  });

  it('is 0 for orthogonal rows', () => {
    const eye = ops.eye(4, 6);
    expect(Math.abs(scalarOf(new OrthogonalRegularizer().call(eye)))).toBeLessThan(1e-7);
    dispose(eye);
  });

  it('rejects inputs that are not rank 2 and unknown modes', () => {
    const t = ops.ones([2, 2, 2]);
    expect(() => new OrthogonalRegularizer().call(t)).toThrow(/must have rank 2. Received: inputs.shape=\[2, 2, 2\]/);
    dispose(t);
    expect(() => new OrthogonalRegularizer({ mode: 'diagonal' as 'rows' })).toThrow(/Expected one of \{"rows", "columns"\}. Received: mode=diagonal/);
  });
});

describe('regularizers.get / serialize / deserialize', () => {
  it.each([
    ['l1', L1, { l1: 0.01 }], ['L1', L1, { l1: 0.01 }], ['l2', L2, { l2: 0.01 }],
    ['l1_l2', L1L2, { l1: 0.01, l2: 0.01 }], ['L1L2', L1L2, { l1: 0, l2: 0 }],
    ['orthogonal_regularizer', OrthogonalRegularizer, { factor: 0.01, mode: 'rows' }],
    ['orthogonalRegularizer', OrthogonalRegularizer, { factor: 0.01, mode: 'rows' }],
  ] as const)('%s', (name, cls, config) => {
    const reg = get(name);
    expect(reg).toBeInstanceOf(cls);
    expect(reg.getConfig()).toEqual(config);
  });

  it('returns instances as is, null for null, wraps functions', () => {
    const reg = new L2();
    expect(get(reg)).toBe(reg);
    expect(get(null)).toBeNull();
    const fnReg = get((w: Tensor) => ops.sum(w));
    expect(fnReg).toBeInstanceOf(FunctionRegularizer);
    const ones = ops.ones([3]);
    expect(scalarOf(fnReg.call(ones))).toBe(3);
    dispose(ones);
  });

  it('names the accepted names for an unknown one', () => {
    expect(() => get('l3')).toThrow(/Unknown regularizer: "l3". Accepted names: L1, L1L2, L2, OrthogonalRegularizer/);
    expect(registry.names()).toEqual(['L1', 'L1L2', 'L2', 'OrthogonalRegularizer']);
  });

  it.each([
    ['L1', new L1({ l1: 0.25 })],
    ['L2', new L2({ l2: 0.001 })],
    ['L1L2', new L1L2({ l1: 0.1, l2: 0.2 })],
    ['OrthogonalRegularizer', new OrthogonalRegularizer({ factor: 0.5, mode: 'columns' })],
  ] as Array<[string, Regularizer]>)('%s round-trips through the envelope and Keras JSON', (className, reg) => {
    const envelope = serialize(reg);
    expect(envelope).toEqual({ module: 'keras.regularizers', className, config: reg.getConfig(), registeredName: null });
    for (const config of [envelope, fromKerasJson(toKerasJson(envelope)) as unknown as SerializedObject]) {
      const back = deserialize(config);
      expect(back.constructor).toBe(reg.constructor);
      expect(back.getConfig()).toEqual(reg.getConfig());
    }
  });

  it('round-trips a registered function', () => {
    const half = (w: Tensor): Tensor => ops.mul(0.5, ops.sum(w));
    const name = registerKerasSerializable(half, { package: 'RegTest' });
    const envelope = serialize(get(half));
    expect(envelope).toMatchObject({ className: 'function', registeredName: name });
    const ones = ops.ones([4]);
    expect(scalarOf(deserialize(envelope).call(ones))).toBe(2);
    dispose(ones);
  });

  it('leaves no tensors behind', async () => {
    const input = tensor(sample(12, 3), [3, 4]);
    await expectNoLeaks(() => {
      for (const reg of [new L1(), new L2(), new L1L2({ l1: 1, l2: 1 }), new OrthogonalRegularizer()]) dispose(reg.call(input));
    });
    dispose(input);
  });
});
