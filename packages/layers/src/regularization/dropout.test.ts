import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, ops, setRandomSeed, tidy, toKerasJson, type Tensor } from '@strata/core';
import { compareGolden, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden, runLayerTest } from '@strata/test-utils';
import { clearSession, deserialize, Dropout, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

describe.each(listKerasGolden('layers/dropout/'))('%s (Keras fixture)', (name) => {
  it('is the identity at inference and has Keras config', () => {
    const c = kerasGolden(name);
    const layer = deserialize(fromKerasJson(c.serialized) as unknown as SerializedLayer) as Dropout;
    tidy(() => {
      const y = layer.apply(goldenTensor(c.inputs[0]!)) as Tensor;
      const r = compareGolden(y.dataSync(), y.shape, c.output, goldenTolerance(name));
      expect(r.ok, r.message).toBe(true);
    });
    expect(JSON.parse(JSON.stringify(toKerasJson(layer.getConfig())))).toEqual(c.config);
  });
});

describe('Dropout', () => {
  it('passes the standard layer checks', () => {
    runLayerTest({
      layerClass: Dropout, init: { rate: 0.5, seed: 1 }, inputShape: [2, 3],
      expectedOutputShape: [2, 3], expectedTrainableWeights: 0, expectedNonTrainableWeights: 0,
      supportsMasking: true, assertBuiltAfterInstantiation: true, trainingModes: [false, true],
    });
  });

  it('drops about `rate` of the units in training and scales the rest by 1 / (1 - rate)', () => {
    const drop = new Dropout({ rate: 0.3, seed: 7 });
    tidy(() => {
      const y = drop.apply(ops.ones([100, 100]), { training: true }) as Tensor;
      const values = Array.from(y.dataSync());
      const zeros = values.filter((v) => v === 0).length / values.length;
      expect(zeros).toBeGreaterThan(0.27);
      expect(zeros).toBeLessThan(0.33);
      expect(new Set(values.filter((v) => v !== 0).map((v) => v.toFixed(5)))).toEqual(new Set([(1 / 0.7).toFixed(5)]));
    });
  });

  it('draws a new mask per call, repeatable from the seed and from setRandomSeed', () => {
    const masks = (make: () => Dropout): number[][] => {
      const drop = make();
      return tidy(() => [0, 1].map(() => Array.from((drop.apply(ops.ones([4, 8]), { training: true }) as Tensor).dataSync())));
    };
    const a = masks(() => new Dropout({ rate: 0.5, seed: 11 }));
    expect(a[0]).not.toEqual(a[1]);
    expect(masks(() => new Dropout({ rate: 0.5, seed: 11 }))).toEqual(a);
    setRandomSeed(5);
    const b = masks(() => new Dropout({ rate: 0.5 }));
    setRandomSeed(5);
    expect(masks(() => new Dropout({ rate: 0.5 }))).toEqual(b);
  });

  it('broadcasts the mask along noiseShape axes of size 1 (null takes the input size)', () => {
    const drop = new Dropout({ rate: 0.5, noiseShape: [null, 1, 4], seed: 3 });
    tidy(() => {
      const y = drop.apply(ops.ones([2, 5, 4]), { training: true }) as Tensor;
      const rows = y.arraySync() as number[][][];
      for (const sample of rows) for (const row of sample) expect(row).toEqual(sample[0]);
    });
  });

  it('rejects a rate outside [0, 1] and a bad noise shape', () => {
    expect(() => new Dropout({ rate: 1.5 })).toThrow('Invalid value received for argument "rate". Expected a float value between 0 and 1. Received: rate=1.5');
    expect(() => new Dropout({ rate: 0.5, noiseShape: [0, 2] })).toThrow('Received negative or zero value at index 0: 0');
  });
});
