import { afterEach, describe, expect, it } from 'vitest';
import { SeedGenerator, dispose, setRandomSeed, type Tensor } from '@strata/core';
import { expectNoLeaks } from '@strata/test-utils';
import { GlorotNormal } from './glorot-normal.js';
import { GlorotUniform } from './glorot-uniform.js';
import { HeNormal } from './he-normal.js';
import { HeUniform } from './he-uniform.js';
import type { Initializer } from './initializer.js';
import { LecunNormal } from './lecun-normal.js';
import { LecunUniform } from './lecun-uniform.js';
import { RandomNormal } from './random-normal.js';
import { RandomUniform } from './random-uniform.js';
import { TruncatedNormal } from './truncated-normal.js';
import { VarianceScaling, type FanMode, type VarianceScalingDistribution } from './variance-scaling.js';

interface Stats { n: number; mean: number; std: number; min: number; max: number; beyond: (k: number) => number }

/** Float64 sample statistics of a tensor (disposed here). */
function stats(t: Tensor): Stats {
  const v = t.dataSync();
  dispose(t);
  let sum = 0, min = Infinity, max = -Infinity;
  for (const x of v) { sum += x; if (x < min) min = x; if (x > max) max = x; }
  const mean = sum / v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  const std = Math.sqrt(ss / v.length);
  const beyond = (k: number): number => v.filter((x) => Math.abs(x - mean) > k).length / v.length;
  return { n: v.length, mean, std, min, max, beyond };
}

/** Mean within 6 standard errors; std within 2 % (≥ 6 standard errors at these sizes, far below any formula slip). */
function expectMoments(s: Stats, mean: number, std: number): void {
  expect(Math.abs(s.mean - mean), `mean ${s.mean} vs ${mean}`).toBeLessThan((6 * std) / Math.sqrt(s.n));
  expect(Math.abs(s.std / std - 1), `std ${s.std} vs ${std}`).toBeLessThan(0.02);
}

const values = (t: Tensor): number[] => { const out = Array.from(t.dataSync()); dispose(t); return out; };

afterEach(() => setRandomSeed(Math.floor(Math.random() * 1e9)));

describe('RandomNormal, RandomUniform, TruncatedNormal', () => {
  const shape = [300, 400];

  it.each([
    { name: 'defaults (0, 0.05)', opts: {}, mean: 0, stddev: 0.05 },
    { name: 'mean 1, stddev 0.5', opts: { mean: 1, stddev: 0.5 }, mean: 1, stddev: 0.5 },
  ])('RandomNormal $name', ({ opts, mean, stddev }) => {
    const s = stats(new RandomNormal({ ...opts, seed: 11 }).call(shape));
    expectMoments(s, mean, stddev);
    // Untruncated: about 4.55 % of a normal lies beyond 2σ.
    expect(s.beyond(2 * stddev)).toBeGreaterThan(0.04);
    expect(s.beyond(2 * stddev)).toBeLessThan(0.051);
  });

  it.each([
    { name: 'defaults [-0.05, 0.05)', opts: {}, lo: -0.05, hi: 0.05 },
    { name: '[-2, 3)', opts: { minval: -2, maxval: 3 }, lo: -2, hi: 3 },
  ])('RandomUniform $name', ({ opts, lo, hi }) => {
    const s = stats(new RandomUniform({ ...opts, seed: 12 }).call(shape));
    expect(s.min).toBeGreaterThanOrEqual(lo);
    expect(s.max).toBeLessThan(hi);
    // With 120 000 draws the extremes come within 0.01 % of the range of both bounds.
    expect(s.min - lo).toBeLessThan((hi - lo) * 1e-4);
    expect(hi - s.max).toBeLessThan((hi - lo) * 1e-4);
    expectMoments(s, (lo + hi) / 2, (hi - lo) / Math.sqrt(12));
  });

  it.each([
    { name: 'defaults (0, 0.05)', opts: {}, mean: 0, stddev: 0.05 },
    { name: 'mean -1, stddev 2', opts: { mean: -1, stddev: 2 }, mean: -1, stddev: 2 },
  ])('TruncatedNormal $name: redrawn beyond 2σ, so its std is 0.8796σ', ({ opts, mean, stddev }) => {
    const s = stats(new TruncatedNormal({ ...opts, seed: 13 }).call(shape));
    expect(s.min).toBeGreaterThanOrEqual(mean - 2 * stddev * (1 + 1e-6));
    expect(s.max).toBeLessThanOrEqual(mean + 2 * stddev * (1 + 1e-6));
    expect(s.max).toBeGreaterThan(mean + 1.99 * stddev);
    expectMoments(s, mean, 0.87962566103423978 * stddev);
  });

  it('configs', () => {
    expect(new RandomNormal({ seed: 3 }).getConfig()).toEqual({ seed: 3, mean: 0, stddev: 0.05 });
    expect(new RandomUniform().getConfig()).toEqual({ seed: null, minval: -0.05, maxval: 0.05 });
    expect(new TruncatedNormal({ mean: 1, stddev: 2 }).getConfig()).toEqual({ seed: null, mean: 1, stddev: 2 });
  });

  it('reject non-float dtypes and non-integer seeds', () => {
    expect(() => new RandomNormal().call([2], 'int32')).toThrow(/RandomNormal draws floating-point values: expected a float dtype, received dtype="int32"/);
    expect(() => new RandomUniform({ seed: 1.5 })).toThrow(/`seed` must be an integer or a SeedGenerator. Received: seed=1.5/);
  });
});

describe('VarianceScaling', () => {
  // A conv kernel: fanIn = 3·3·64 = 576, fanOut = 3·3·128 = 1152; 73 728 values.
  const shape = [3, 3, 64, 128];
  const fans: Record<FanMode, number> = { fan_in: 576, fan_out: 1152, fan_avg: (576 + 1152) / 2 };
  const cases = (['fan_in', 'fan_out', 'fan_avg'] as const).flatMap((mode) =>
    (['truncated_normal', 'untruncated_normal', 'uniform'] as const).map((distribution) => ({ mode, distribution })));

  it.each(cases)('$mode, $distribution: std = sqrt(scale / n)', ({ mode, distribution }) => {
    const scale = 2;
    const target = Math.sqrt(scale / fans[mode]);
    const s = stats(new VarianceScaling({ scale, mode, distribution, seed: 21 }).call(shape));
    expectMoments(s, 0, target);
    if (distribution === 'uniform') {
      const limit = Math.sqrt(3) * target;
      expect(s.min).toBeGreaterThanOrEqual(-limit);
      expect(s.max).toBeLessThan(limit);
      expect(limit - s.max).toBeLessThan(limit * 1e-3);
    } else if (distribution === 'truncated_normal') {
      const bound = (2 * target) / 0.87962566103423978;
      expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual(bound * (1 + 1e-6));
      expect(s.beyond(bound * 0.999)).toBeLessThan(1e-3);
    } else {
      expect(s.beyond((2 * target) / 0.87962566103423978)).toBeGreaterThan(0.01);
    }
  });

  it("maps Keras 2's distribution 'normal' to 'truncated_normal' and accepts camelCase spellings", () => {
    expect(new VarianceScaling({ distribution: 'normal' }).distribution).toBe('truncated_normal');
    const v = new VarianceScaling({ mode: 'fanAvg', distribution: 'untruncatedNormal' });
    expect([v.mode, v.distribution]).toEqual(['fan_avg', 'untruncated_normal']);
  });

  it('uses inputAxes/outputAxes for the fans', () => {
    // Shape [10, 4000] with the axes swapped: fan_in = 4000, so limit = sqrt(3 / 4000).
    const s = stats(new VarianceScaling({ mode: 'fan_in', distribution: 'uniform', inputAxes: [1], outputAxes: [0], seed: 4 }).call([10, 4000]));
    expect(s.max).toBeLessThan(Math.sqrt(3 / 4000));
    expect(s.max).toBeGreaterThan(Math.sqrt(3 / 4000) * 0.999);
  });

  it('draws a scalar weight with fans of 1 (limit sqrt(3 · scale))', () => {
    const draws = Array.from({ length: 200 }, (_, i) => values(new VarianceScaling({ scale: 0.5, distribution: 'uniform', seed: i }).call([]))[0]!);
    expect(Math.max(...draws.map(Math.abs))).toBeLessThan(Math.sqrt(1.5));
    expect(Math.max(...draws.map(Math.abs))).toBeGreaterThan(Math.sqrt(1.5) * 0.95);
  });

  it.each([
    { opts: { scale: 0 }, message: /`scale` must be positive float. Received: scale=0/ },
    { opts: { mode: 'fan_sum' }, message: /Invalid `mode` argument: fan_sum. Expected one of fan_in, fan_out, fan_avg/ },
    { opts: { distribution: 'cauchy' }, message: /Invalid `distribution` argument: cauchy/ },
  ])('rejects $opts', ({ opts, message }) => {
    expect(() => new VarianceScaling(opts as never)).toThrow(message);
  });

  it('config', () => {
    expect(new VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 5 }).getConfig()).toEqual({
      seed: 5, scale: 2, mode: 'fan_out', distribution: 'uniform', inputAxes: null, outputAxes: null,
    });
  });
});

describe('Glorot, He and LeCun', () => {
  it.each([
    { name: 'GlorotUniform', cls: GlorotUniform, scale: 1, mode: 'fan_avg', distribution: 'uniform' },
    { name: 'GlorotNormal', cls: GlorotNormal, scale: 1, mode: 'fan_avg', distribution: 'truncated_normal' },
    { name: 'HeUniform', cls: HeUniform, scale: 2, mode: 'fan_in', distribution: 'uniform' },
    { name: 'HeNormal', cls: HeNormal, scale: 2, mode: 'fan_in', distribution: 'truncated_normal' },
    { name: 'LecunUniform', cls: LecunUniform, scale: 1, mode: 'fan_in', distribution: 'uniform' },
    { name: 'LecunNormal', cls: LecunNormal, scale: 1, mode: 'fan_in', distribution: 'truncated_normal' },
  ] as const)('$name is VarianceScaling(scale $scale, $mode, $distribution)', ({ cls, scale, mode, distribution }) => {
    const init = new cls({ seed: 8 });
    expect([init.scale, init.mode, init.distribution]).toEqual([scale, mode, distribution]);
    const reference = new VarianceScaling({ scale, mode: mode as FanMode, distribution: distribution as VarianceScalingDistribution, seed: 8 });
    expect(values(init.call([3, 3, 8, 16]))).toEqual(values(reference.call([3, 3, 8, 16])));
    expect(init.getConfig()).toEqual({ seed: 8, inputAxes: null, outputAxes: null });
  });

  it('GlorotUniform on a dense kernel: limit sqrt(6 / (fanIn + fanOut))', () => {
    const s = stats(new GlorotUniform({ seed: 2 }).call([256, 512]));
    const limit = Math.sqrt(6 / (256 + 512));
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThan(limit);
    expectMoments(s, 0, limit / Math.sqrt(3));
  });

  it('HeNormal on a dense kernel: std sqrt(2 / fanIn)', () => {
    const s = stats(new HeNormal({ seed: 2 }).call([256, 512]));
    expectMoments(s, 0, Math.sqrt(2 / 256));
  });
});

describe('seeds', () => {
  const shape = [5, 7];

  it('an integer seed gives the same values on every call and for every instance', () => {
    const a = new GlorotUniform({ seed: 42 });
    const first = values(a.call(shape));
    expect(values(a.call(shape))).toEqual(first);
    expect(values(new GlorotUniform({ seed: 42 }).call(shape))).toEqual(first);
    expect(values(new GlorotUniform({ seed: 43 }).call(shape))).not.toEqual(first);
  });

  it('a SeedGenerator draws new values on each call, reproducibly', () => {
    const a = new RandomNormal({ seed: new SeedGenerator(9) });
    const b = new RandomNormal({ seed: new SeedGenerator(9) });
    const a1 = values(a.call(shape));
    const a2 = values(a.call(shape));
    expect(a2).not.toEqual(a1);
    expect([values(b.call(shape)), values(b.call(shape))]).toEqual([a1, a2]);
  });

  it('without a seed, one is drawn at construction from the global generator (Keras 3 semantics)', () => {
    setRandomSeed(1337);
    const a = new HeUniform();
    const b = new HeUniform();
    const a1 = values(a.call(shape));
    expect(values(a.call(shape))).toEqual(a1); // an instance repeats itself
    expect(values(b.call(shape))).not.toEqual(a1); // two instances differ
    setRandomSeed(1337);
    expect(values(new HeUniform().call(shape))).toEqual(a1); // setRandomSeed replays
    expect(a.getConfig().seed).toBeNull();
  });

  it('a serialized SeedGenerator seed round-trips', () => {
    const a = new TruncatedNormal({ seed: new SeedGenerator(77) });
    const cfg = a.getConfig();
    expect(cfg.seed).toEqual({ module: 'keras.random', className: 'SeedGenerator', config: { seed: 77 }, registeredName: null });
    const b = TruncatedNormal.fromConfig(cfg);
    expect(values(b.call(shape))).toEqual(values(new TruncatedNormal({ seed: new SeedGenerator(77) }).call(shape)));
  });

  it('leaves no tensors behind', async () => {
    await expectNoLeaks(() => {
      for (const init of [new RandomNormal(), new RandomUniform(), new TruncatedNormal(), new GlorotUniform(), new HeNormal()] as Initializer[]) {
        dispose(init.call([4, 4]));
      }
    });
  });
});
