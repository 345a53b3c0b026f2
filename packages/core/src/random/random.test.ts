import { describe, expect, it } from 'vitest';
import { describeEachBackend } from '@strata/test-utils';
import { SeedGenerator, random, setRandomSeed, tensor, dispose } from '@strata/core';

function stats(data: Float32Array | Int32Array | Uint8Array) {
  let m = 0;
  for (const v of data) m += v;
  m /= data.length;
  let s = 0;
  for (const v of data) s += (v - m) ** 2;
  return { mean: m, std: Math.sqrt(s / data.length), min: Math.min(...data), max: Math.max(...data) };
}

const seen = new Map<string, number[]>();

describeEachBackend('random', (backend) => {
  it('a number seed gives the same numbers on every backend', () => {
    const values = Array.from(random.normal([64], { seed: 7 }).dataSync());
    const other = seen.get('normal7');
    if (other) expect(values).toEqual(other);
    else seen.set('normal7', values);
    expect(backend).toMatch(/wasm|cpu/);
  });
});

describe('random', () => {
  it('normal has the requested mean and stddev', () => {
    const s = stats(random.normal([20000], { mean: 2, stddev: 3, seed: 1 }).dataSync() as Float32Array);
    expect(s.mean).toBeCloseTo(2, 1);
    expect(s.std).toBeGreaterThan(2.9);
    expect(s.std).toBeLessThan(3.1);
  });

  it('uniform stays in [minval, maxval) with mean in the middle', () => {
    const s = stats(random.uniform([20000], { minval: -1, maxval: 3, seed: 2 }).dataSync() as Float32Array);
    expect(s.min).toBeGreaterThanOrEqual(-1);
    expect(s.max).toBeLessThan(3);
    expect(s.mean).toBeCloseTo(1, 1);
  });

  it('truncatedNormal never exceeds two standard deviations', () => {
    const s = stats(random.truncatedNormal([20000], { stddev: 0.5, seed: 3 }).dataSync() as Float32Array);
    expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual(1.0000001);
    // The std of a standard normal truncated at ±2 is 0.8796.
    expect(s.std / 0.5).toBeCloseTo(0.8796, 1);
  });

  it('a SeedGenerator advances between calls and replays from the same seed', () => {
    const a = new SeedGenerator(42);
    const b = new SeedGenerator(42);
    const a1 = random.uniform([8], { seed: a }).dataSync();
    const a2 = random.uniform([8], { seed: a }).dataSync();
    expect(Array.from(a1)).not.toEqual(Array.from(a2));
    expect(Array.from(random.uniform([8], { seed: b }).dataSync())).toEqual(Array.from(a1));
  });

  it('setRandomSeed makes unseeded SeedGenerators reproducible', () => {
    setRandomSeed(99);
    const first = Array.from(random.uniform([4], { seed: new SeedGenerator() }).dataSync());
    setRandomSeed(99);
    expect(Array.from(random.uniform([4], { seed: new SeedGenerator() }).dataSync())).toEqual(first);
  });

  it('setRandomSeed makes unseeded draws reproducible', () => {
    setRandomSeed(123);
    const first = Array.from(random.normal([16]).dataSync());
    setRandomSeed(123);
    expect(Array.from(random.normal([16]).dataSync())).toEqual(first);
  });

  it('dropout zeroes about `rate` of the values and rescales the rest', () => {
    const x = tensor(new Array(10000).fill(1));
    const y = random.dropout(x, 0.25, { seed: 5 }).dataSync();
    const zeros = y.filter((v) => v === 0).length;
    expect(zeros / y.length).toBeCloseTo(0.25, 1);
    expect(y.find((v) => v !== 0)).toBeCloseTo(1 / 0.75, 5);
    dispose(x);
  });

  it('permutation is a permutation', () => {
    const p = Array.from(random.permutation(100, { seed: 9 }));
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    expect(p).not.toEqual([...Array(100).keys()]);
  });

  it('randint stays in range', () => {
    const s = stats(random.randint([5000], { minval: 3, maxval: 7, seed: 4 }).dataSync() as Int32Array);
    expect(s.min).toBe(3);
    expect(s.max).toBe(6);
  });
});
