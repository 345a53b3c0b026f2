// Compares with Keras 3.15.1's own initializers (fixtures from tools/keras-golden/gen_initializers.py): exact values
// for the deterministic ones; for the random ones (Keras' JAX streams cannot be replayed here) the fans Keras computes,
// the distribution parameters its formulas imply for each shape, and the serialized config.
import { describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, toKerasJson, type SerializedObject } from '@strata/core';
import { goldenTensor, kerasGolden, listKerasGolden, expectTensorsClose, type InitializerGolden, type InitializerShapeCase } from '@strata/test-utils';
import { computeFans } from './compute-fans.js';
import type { Initializer } from './initializer.js';
import { deserialize, serialize } from './serialization.js';
import { VarianceScaling } from './variance-scaling.js';

const TRUNCATED_STD = 0.87962566103423978; // std of a unit normal truncated to ±2
const POOL = 20_000;

/**
 * Keras 3.15's `Identity.get_config()` omits `gain`, so its fixture config cannot carry it: the arguments the generator
 * passed (tools/keras-golden/gen_initializers.py) are restated here, used only where the fixture has no
 * `effective_params`.
 */
const KERAS_DROPPED_ARGS: Record<string, Record<string, unknown>> = { 'initializers/identity_gain_2': { gain: 2 } };

/** Strata's initializer for a fixture, optionally with another integer seed. */
function fromKeras(c: InitializerGolden, seed?: number): Initializer {
  const envelope = fromKerasJson(c.serialized) as unknown as SerializedObject;
  const dropped = c.effective_params?.gain !== undefined && c.deterministic ? { gain: c.effective_params.gain } : KERAS_DROPPED_ARGS[c.name];
  envelope.config = { ...envelope.config, ...dropped, ...(seed === undefined ? {} : { seed }) };
  return deserialize(envelope);
}

/** At least POOL values drawn from fresh copies of the initializer (seeds 1, 2, …) on one shape. */
function pooled(c: InitializerGolden, shape: number[]): Float64Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const draws = Math.ceil(POOL / size);
  const out = new Float64Array(draws * size);
  for (let d = 0; d < draws; d++) {
    const t = fromKeras(c, d + 1).call(shape);
    out.set(t.dataSync(), d * size);
    dispose(t);
  }
  return out;
}

function moments(v: Float64Array): { mean: number; std: number; min: number; max: number } {
  let sum = 0, min = Infinity, max = -Infinity;
  for (const x of v) { sum += x; min = Math.min(min, x); max = Math.max(max, x); }
  const mean = sum / v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { mean, std: Math.sqrt(ss / v.length), min, max };
}

function checkDistribution(c: InitializerGolden, s: InitializerShapeCase): void {
  const e = s.expected;
  if (e.distribution === 'orthogonal') {
    const t = fromKeras(c).call(s.shape);
    const v = t.dataSync();
    dispose(t);
    const cols = s.shape[s.shape.length - 1]!;
    const rows = v.length / cols;
    const k = Math.min(rows, cols);
    let worst = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let g = 0;
        for (let r = 0; r < Math.max(rows, cols); r++) g += rows >= cols ? v[r * cols + i]! * v[r * cols + j]! : v[i * cols + r]! * v[j * cols + r]!;
        worst = Math.max(worst, Math.abs(g - (i === j ? e.gain! ** 2 : 0)));
      }
    }
    // Keras' own draw reaches ~1e-6 · gain²; float32 rounding of our float64 Q stays in the same range.
    expect(worst).toBeLessThan(Math.max(1e-5, 10 * (s.max_abs_gram_minus_gain2_identity ?? 0)) * e.gain! ** 2);
    return;
  }
  const v = pooled(c, s.shape);
  const m = moments(v);
  const rel = (a: number, b: number): number => Math.abs(a / b - 1);
  if (e.distribution === 'uniform') {
    const lo = e.minval!, hi = e.maxval!;
    expect(m.min).toBeGreaterThanOrEqual(Math.fround(lo));
    expect(m.max).toBeLessThan(hi);
    expect(Math.min(m.min - lo, hi - m.max)).toBeLessThan((hi - lo) * 1e-3);
    expect(rel(m.std, (hi - lo) / Math.sqrt(12))).toBeLessThan(0.03);
    expect(Math.abs(m.mean - (lo + hi) / 2)).toBeLessThan((6 * (hi - lo)) / Math.sqrt(12 * v.length));
    return;
  }
  const sd = e.stddev!;
  const truncated = e.distribution === 'truncated_normal';
  expect(Math.abs(m.mean - e.mean!)).toBeLessThan((6 * sd) / Math.sqrt(v.length));
  expect(rel(m.std, truncated ? TRUNCATED_STD * sd : sd)).toBeLessThan(0.03);
  const bound = (e.truncate_at_stddevs ?? 2) * sd;
  const outside = v.filter((x) => Math.abs(x - e.mean!) > bound * (1 + 1e-6)).length / v.length;
  if (truncated) expect(outside).toBe(0);
  else expect(outside).toBeGreaterThan(0.03); // ≈ 4.55 % of a normal lies beyond 2σ
}

const cases = listKerasGolden('initializers/');

describe('initializers vs Keras 3 golden fixtures', () => {
  it('has fixtures for every initializer', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', (name) => {
    const c = kerasGolden(name);
    const init = fromKeras(c);
    // The same class, and a config that writes back every key Keras wrote with Keras' values (Strata also writes
    // Identity's `gain`, which Keras 3.15 omits).
    const ours = toKerasJson(serialize(init)) as Record<string, unknown>;
    expect(ours.class_name).toBe(c.class_name);
    expect(ours.module).toBe('keras.initializers');
    expect(ours.config).toMatchObject(c.serialized.config);
    expect(Object.keys(ours.config as object).filter((k) => !(k in c.serialized.config))).toEqual(c.class_name === 'Identity' ? ['gain'] : []);

    if (c.deterministic) {
      for (const { shape, value } of c.values!) {
        const got = init.call(shape);
        const want = goldenTensor(value);
        expectTensorsClose(got, want, { rtol: 0, atol: 0 });
        dispose([got, want]);
      }
      return;
    }
    for (const s of c.shapes!) {
      const fans = init instanceof VarianceScaling ? computeFans(s.shape, init.inputAxes, init.outputAxes) : computeFans(s.shape);
      expect({ kind: s.kind, ...fans }).toEqual({ kind: s.kind, fanIn: s.fan_in, fanOut: s.fan_out });
      checkDistribution(c, s);
    }
  });
});
