import { beforeEach, describe, expect, it } from 'vitest';
import { ops, random, type Tensor } from '@strata/core';
import { clearSession, Dense, Dropout, Input, type Layer } from '@strata/layers';
import { expectTensorsClose } from '@strata/test-utils';
import { cloneModel, Functional, Model, Sequential } from './index.js';
import { Concatenate } from './test-support/concatenate.js';

beforeEach(() => clearSession());

function sameArchitecture(a: Model, b: Model): void {
  expect(b.layers.map((l) => [l.name, l.constructor.name])).toEqual(a.layers.map((l) => [l.name, l.constructor.name]));
  expect(b.weights.map((w) => w.shape)).toEqual(a.weights.map((w) => w.shape));
  expect(b.layers.every((l, i) => l !== a.layers[i])).toBe(true);
}

describe('cloneModel', () => {
  it('clones a Sequential with new weights, then the same outputs once the weights are copied', () => {
    const model = new Sequential([Input({ shape: [5] }), new Dense({ units: 4, activation: 'relu' }), new Dropout({ rate: 0.3 }), new Dense({ units: 2 })]);
    const copy = cloneModel(model);
    expect(copy).toBeInstanceOf(Sequential);
    sameArchitecture(model, copy);
    const k0 = model.weights[0]!.read();
    const k1 = copy.weights[0]!.read();
    expect(Array.from(k1.dataSync())).not.toEqual(Array.from(k0.dataSync()));
    copy.setWeights(model.getWeights());
    const x = random.normal([3, 5], { seed: 4 });
    const a = model.predict(x) as Tensor;
    const b = copy.predict(x) as Tensor;
    expectTensorsClose(b, a);
    for (const t of [k0, k1, x, a, b]) t.dispose();
    model.dispose();
    copy.dispose();
  });

  it('clones a functional model with a shared layer, keeping the sharing', () => {
    const a = Input({ shape: [3], name: 'a' });
    const b = Input({ shape: [3], name: 'b' });
    const shared = new Dense({ units: 2 });
    const model = new Model({ inputs: [a, b], outputs: new Concatenate().apply([shared.apply(a), shared.apply(b)]) });
    const copy = cloneModel(model);
    expect(copy).toBeInstanceOf(Functional);
    sameArchitecture(model, copy);
    expect(copy.getLayer('dense').inboundNodes).toHaveLength(2);
    copy.setWeights(model.getWeights());
    const x = random.normal([2, 3], { seed: 5 });
    const ya = model.predict([x, x]) as Tensor;
    const yb = copy.predict([x, x]) as Tensor;
    expectTensorsClose(yb, ya);
    for (const t of [x, ya, yb]) t.dispose();
    model.dispose();
    copy.dispose();
  });

  it('uses cloneFunction for every layer but the inputs', () => {
    const x = Input({ shape: [3] });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 2, activation: 'relu' }).apply(x) });
    const seen: string[] = [];
    const copy = cloneModel(model, {
      cloneFunction: (layer: Layer) => {
        seen.push(layer.name);
        return new Dense({ units: 2, name: layer.name, kernelInitializer: 'ones' });
      },
    });
    expect(seen).toEqual(['dense']);
    const ones = ops.ones([1, 3]);
    const y = copy.predict(ones) as Tensor;
    expect(Array.from(y.dataSync())).toEqual([3, 3]);
    for (const t of [ones, y]) t.dispose();
    model.dispose();
    copy.dispose();
  });
});
