import { beforeEach, describe, expect, it } from 'vitest';
import { ops, random, setRandomSeed, tidy, toKerasJson, type Tensor } from '@strata/core';
import { runLayerTest } from '@strata/test-utils';
import {
  ActivityRegularization, AlphaDropout, clearSession, Dropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D,
  SpatialDropout3D, type Layer,
} from '../index.js';

beforeEach(() => clearSession());

type LayerClass = new (args?: any) => Layer;

function stats(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / n) };
}

describe('noise and spatial dropout layers: standard checks', () => {
  it.each<[string, LayerClass, Record<string, unknown>, number[]]>([
    ['GaussianNoise', GaussianNoise, { stddev: 0.3, seed: 1 }, [2, 5]],
    ['GaussianDropout', GaussianDropout, { rate: 0.3, seed: 1 }, [2, 5]],
    ['AlphaDropout', AlphaDropout, { rate: 0.3, seed: 1, noiseShape: [null, 1, 3] }, [2, 4, 3]],
    ['SpatialDropout1D', SpatialDropout1D, { rate: 0.5, seed: 2 }, [2, 4, 3]],
    ['SpatialDropout2D, channels first', SpatialDropout2D, { rate: 0.5, dataFormat: 'channels_first' }, [2, 3, 2, 2]],
    ['SpatialDropout3D', SpatialDropout3D, { rate: 0.5 }, [2, 2, 2, 2, 3]],
    ['ActivityRegularization', ActivityRegularization, { l1: 0.01, l2: 0.02 }, [2, 4]],
  ])('%s', (_, layerClass, init, inputShape) => {
    runLayerTest({
      layerClass: layerClass as never, init, inputShape, expectedOutputShape: inputShape, expectedTrainableWeights: 0,
      expectedNonTrainableWeights: 0, supportsMasking: true, assertBuiltAfterInstantiation: true, trainingModes: [false, true],
      expectedNumLosses: layerClass === ActivityRegularization ? 1 : undefined,
    });
  });
});

describe('noise layers in training', () => {
  it('GaussianNoise adds N(0, stddev) noise, new per call, repeatable from the seed; identity at inference', () => {
    const draw = (seed: number): number[][] => {
      const layer = new GaussianNoise({ stddev: 0.5, seed });
      return tidy(() => [0, 1].map(() => Array.from((layer.apply(ops.fill([100, 100], 3), { training: true }) as Tensor).dataSync())));
    };
    const [first, second] = draw(4);
    const s = stats(first!.map((v) => v - 3));
    expect(s.mean).toBeCloseTo(0, 1);
    expect(s.std).toBeGreaterThan(0.48);
    expect(s.std).toBeLessThan(0.52);
    expect(first).not.toEqual(second);
    expect(draw(4)).toEqual([first, second]);
    tidy(() => {
      expect(Array.from((new GaussianNoise({ stddev: 0.5 }).apply(ops.ones([2, 2])) as Tensor).dataSync())).toEqual([1, 1, 1, 1]);
    });
  });

  it('GaussianDropout multiplies by N(1, sqrt(rate / (1 - rate))) noise', () => {
    const layer = new GaussianDropout({ rate: 0.2, seed: 3 });
    tidy(() => {
      const s = stats((layer.apply(ops.fill([100, 100], 2), { training: true }) as Tensor).dataSync());
      expect(s.mean).toBeCloseTo(2, 1);
      expect(s.std / 2).toBeGreaterThan(0.48);
      expect(s.std / 2).toBeLessThan(0.52);
    });
  });

  it('AlphaDropout keeps zero mean and unit variance, with dropped units at one constant', () => {
    const rate = 0.2;
    const layer = new AlphaDropout({ rate, seed: 5 });
    const alphaP = -1.6732632423543772 * 1.0507009873554805;
    const a = ((1 - rate) * (1 + rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * rate;
    tidy(() => {
      const x = random.normal([200, 200], { seed: 9 });
      const y = layer.apply(x, { training: true }) as Tensor;
      const s = stats(y.dataSync());
      expect(Math.abs(s.mean)).toBeLessThan(0.02);
      expect(s.std).toBeGreaterThan(0.97);
      expect(s.std).toBeLessThan(1.03);
      const xs = x.dataSync();
      const ys = y.dataSync();
      let dropped = 0;
      for (let i = 0; i < ys.length; i++) {
        const kept = Math.abs(ys[i]! - (a * xs[i]! + b)) < 1e-4;
        if (!kept) {
          expect(ys[i]).toBeCloseTo(a * alphaP + b, 4);
          dropped++;
        }
      }
      expect(dropped / ys.length).toBeGreaterThan(0.18);
      expect(dropped / ys.length).toBeLessThan(0.22);
    });
  });
});

describe('spatial dropout', () => {
  it.each<[string, () => Layer, number[], (index: number[]) => string]>([
    ['SpatialDropout1D drops whole channels over the steps', () => new SpatialDropout1D({ rate: 0.5, seed: 1 }), [4, 6, 5], ([b, , c]) => `${b},${c}`],
    ['SpatialDropout2D drops whole feature maps', () => new SpatialDropout2D({ rate: 0.5, seed: 1 }), [4, 3, 3, 5], ([b, , , c]) => `${b},${c}`],
    ['SpatialDropout2D, channels first', () => new SpatialDropout2D({ rate: 0.5, seed: 1, dataFormat: 'channels_first' }), [4, 5, 3, 3], ([b, c]) => `${b},${c}`],
    ['SpatialDropout3D drops whole volumes', () => new SpatialDropout3D({ rate: 0.5, seed: 1 }), [4, 2, 2, 2, 5], ([b, , , , c]) => `${b},${c}`],
  ])('%s', (_, make, shape, channelOf) => {
    const layer = make();
    tidy(() => {
      const y = layer.apply(ops.ones(shape), { training: true }) as Tensor;
      const data = y.dataSync();
      const byChannel = new Map<string, Set<number>>();
      const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));
      for (let i = 0; i < data.length; i++) {
        const index = strides.map((s, k) => Math.floor(i / s) % shape[k]!);
        const key = channelOf(index);
        if (!byChannel.has(key)) byChannel.set(key, new Set());
        byChannel.get(key)!.add(data[i]!);
      }
      const values = [...byChannel.values()];
      expect(values.every((v) => v.size === 1), 'each channel is kept or dropped as a whole').toBe(true);
      const kept = values.filter((v) => v.has(2)).length;
      expect(values.every((v) => v.has(0) || v.has(2))).toBe(true);
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(values.length);
    });
  });

  it('is a Dropout, checks its rank, and writes Keras\' config', () => {
    const layer = new SpatialDropout2D({ rate: 0.3, name: 'sd', seed: 7 });
    expect(layer).toBeInstanceOf(Dropout);
    expect(toKerasJson(layer.getConfig())).toEqual({ rate: 0.3, seed: 7, name: 'sd', dtype: 'float32', data_format: 'channels_last' });
    expect(toKerasJson(new SpatialDropout1D({ rate: 0.3, name: 'sd1' }).getConfig())).toEqual({ rate: 0.3, seed: null, name: 'sd1', dtype: 'float32' });
    expect(() => tidy(() => layer.apply(ops.ones([2, 3])))).toThrow(/expected ndim=4, found ndim=2/);
    expect(() => new SpatialDropout2D({ rate: 0.3, dataFormat: 'nhwc' as never })).toThrow('The "dataFormat" argument must be one of');
  });
});

describe('ActivityRegularization and argument checks', () => {
  it('adds (l1 · sum|x| + l2 · sum x²) / batch to the losses and writes l1 and l2 in its config', () => {
    const layer = new ActivityRegularization({ l1: 0.1, l2: 0.01 });
    tidy(() => {
      const x = ops.tensor([[1, -2], [3, 0]]);
      expect(layer.apply(x)).toBe(x);
      const [loss] = layer.losses;
      expect(loss!.dataSync()[0]).toBeCloseTo((0.1 * 6 + 0.01 * 14) / 2, 6);
    });
    expect(layer.getConfig()).toMatchObject({ l1: 0.1, l2: 0.01 });
    expect(layer.getConfig()).not.toHaveProperty('activityRegularizer');
    layer.dispose();
  });

  it('rejects out-of-range rates and stddevs with Keras messages', () => {
    expect(() => new GaussianNoise({ stddev: 2 })).toThrow('Invalid value received for argument "stddev". Expected a float value between 0 and 1. Received: stddev=2');
    expect(() => new GaussianDropout({ rate: -0.1 })).toThrow('Expected a float value between 0 and 1. Received: rate=-0.1');
    expect(() => new AlphaDropout({ rate: 1.5 })).toThrow('Received: rate=1.5');
    expect(() => new AlphaDropout({ rate: 0.5, noiseShape: [0] })).toThrow('Invalid value received for argument "noiseShape"');
  });

  it('repeats unseeded draws after setRandomSeed', () => {
    const draw = (): number[] => tidy(() => Array.from((new GaussianNoise({ stddev: 0.1 }).apply(ops.zeros([3]), { training: true }) as Tensor).dataSync()));
    setRandomSeed(11);
    const a = draw();
    setRandomSeed(11);
    expect(draw()).toEqual(a);
  });
});
