import { beforeEach, describe, expect, it } from 'vitest';
import { numTensors, ops, random, toKerasJson, type Tensor } from '@strata/core';
import { clearSession, Dense, Dropout, Flatten, Input, InputLayer, KerasTensor, Layer, type Shape } from '@strata/layers';
import { expectTensorsClose } from '@strata/test-utils';
import { Functional, Sequential } from './index.js';
import { engineCase, plain, summaryOf } from './test-support/engine-fixtures.js';

beforeEach(() => clearSession());

function mlp(): Sequential {
  return new Sequential([
    Input({ shape: [784] }),
    new Dense({ units: 64, activation: 'relu' }),
    new Dropout({ rate: 0.5 }),
    new Dense({ units: 10, activation: 'softmax' }),
  ]);
}

describe('Sequential built from an Input', () => {
  it('builds at once, with Keras parameter counts, layers, weight paths and summary', () => {
    const keras = engineCase('sequential_mlp').model;
    const model = mlp();
    expect(model.built).toBe(true);
    expect(model.layers[0]!.countParams()).toBe(50240);
    expect(model.countParams()).toBe(50890);
    expect(model.layers.map((l) => ({ name: l.name, class_name: l.constructor.name }))).toEqual(keras.layers);
    expect(model.weights.map((w) => ({ path: w.path, shape: w.shape, trainable: w.trainable }))).toEqual(keras.weights);
    expect(summaryOf(model)).toBe(keras.summary);
    expect(summaryOf(model, { lineLength: 120 })).toBe(keras.summary_line_length_120);
    expect(summaryOf(model, { showTrainable: true })).toBe(keras.summary_show_trainable);
    model.dispose();
  });

  it('writes Keras 3 config and JSON', () => {
    const keras = engineCase('sequential_mlp').model;
    const model = mlp();
    expect(plain(toKerasJson(model.getConfig()))).toEqual(keras.config);
    expect(JSON.parse(model.toJson())).toEqual(keras.to_json);
    model.dispose();
  });

  it('predicts in batches, the same as calling it', () => {
    const model = mlp();
    const x = random.uniform([70, 784], { seed: 1 });
    const all = model.predict(x, { batchSize: 32 }) as Tensor;
    const direct = model.apply(x) as Tensor;
    expect(all.shape).toEqual([70, 10]);
    expectTensorsClose(all, direct, { rtol: 1e-5, atol: 1e-6 });
    for (const t of [x, all, direct]) t.dispose();
    model.dispose();
  });
});

describe('Sequential built lazily', () => {
  it('stays unbuilt until called, then builds from the concrete input shape (Keras summaries)', () => {
    const keras = engineCase('sequential_lazy');
    const model = new Sequential([new Dense({ units: 4, activation: 'relu' }), new Flatten(), new Dense({ units: 2 })]);
    expect(model.built).toBe(false);
    expect(summaryOf(model)).toBe(keras.summary_unbuilt);
    const x = ops.zeros([5, 3]);
    const y = model.apply(x) as Tensor;
    expect(y.shape).toEqual([5, 2]);
    expect(summaryOf(model)).toBe(keras.model.summary);
    expect(plain(toKerasJson(model.getConfig()))).toEqual(keras.model.config);
    expect(model.weights.map((w) => w.path)).toEqual(keras.model.weights.map((w) => w.path));
    for (const t of [x, y]) t.dispose();
    model.dispose();
  });

  it('builds from a first layer given inputShape', () => {
    const model = new Sequential([new Dense({ units: 3, inputShape: [4] }), new Dense({ units: 1 })]);
    expect(model.built).toBe(true);
    expect((model.inputs[0] as KerasTensor).shape).toEqual([null, 4]);
    expect(model.layers.map((l) => l.name)).toEqual(['dense', 'dense_1']);
    model.dispose();
  });

  it('builds with build(inputShape)', () => {
    const model = new Sequential([new Dense({ units: 3 })]);
    model.build([null, 7]);
    expect(model.countParams()).toBe(24);
    expect(model.outputShape).toEqual([null, 3]);
    model.dispose();
  });
});

describe('add and pop', () => {
  it('adds and pops layers, rebuilding the graph', () => {
    const model = new Sequential();
    model.add(Input({ shape: [3] }));
    model.add(new Dense({ units: 4 }));
    model.add(new Dense({ units: 2 }));
    expect(model.outputShape).toEqual([null, 2]);
    const popped = model.pop();
    expect(popped.name).toBe('dense_1');
    expect(model.outputShape).toEqual([null, 4]);
    expect(model.layers.map((l) => l.name)).toEqual(['dense']);
    model.dispose();
    popped.dispose();
  });

  it.each<[string, (m: Sequential) => void, string]>([
    ['a non-layer', (m) => m.add(3 as never), 'Only instances of Layer can be added to a Sequential model'],
    ['a duplicate name', (m) => m.add(new Dense({ units: 1, name: 'd' })), 'Name "d" is already the name of a layer in this model'],
    ['a second InputLayer', (m) => m.add(Input({ shape: [2] })), 'has already been configured to use input shape [null, 3]'],
  ])('refuses %s', (_, act, message) => {
    const model = new Sequential([Input({ shape: [3] }), new Dense({ units: 1, name: 'd' })]);
    expect(() => act(model)).toThrow(message);
    model.dispose();
  });

  it('fails as Keras does on a layer with several outputs', () => {
    class Split extends Layer {
      override call(x: Tensor) {
        return [x, x];
      }
      override computeOutputShape(s: Shape) {
        return [s, s];
      }
    }
    expect(() => new Sequential([Input({ shape: [3] }), new Split(), new Dense({ units: 2 })])).toThrow(
      'Layer "dense" expects 1 input(s), but it received 2 input tensors.',
    );
  });
});

describe('config round-trip', () => {
  it('rebuilds from its config with the same architecture; the same weights give the same outputs', () => {
    const model = mlp();
    const copy = Sequential.fromConfig(model.getConfig());
    expect(copy).toBeInstanceOf(Sequential);
    expect(plain(copy.getConfig())).toEqual(plain(model.getConfig()));
    copy.setWeights(model.getWeights());
    const x = random.normal([4, 784], { seed: 2 });
    const a = model.predict(x) as Tensor;
    const b = copy.predict(x) as Tensor;
    expectTensorsClose(b, a);
    for (const t of [x, a, b]) t.dispose();
    model.dispose();
    copy.dispose();
  });

  it('keeps the InputLayer in the config but not in layers', () => {
    const model = mlp();
    expect(model._layerList[0]).toBeInstanceOf(InputLayer);
    expect((model.getConfig().layers as Array<{ className: string }>)[0]!.className).toBe('InputLayer');
    expect(model.layers[0]!.name).toBe('dense');
    expect(model._functional).toBeInstanceOf(Functional);
    model.dispose();
  });
});

describe('leaks', () => {
  it('1,000 predict calls leave numTensors unchanged', () => {
    const model = mlp();
    const x = random.normal([12, 784], { seed: 3 });
    model.predict(x).dispose();
    const before = numTensors();
    for (let i = 0; i < 1000; i++) (model.predict(x, { batchSize: 8 }) as Tensor).dispose();
    expect(numTensors()).toBe(before);
    x.dispose();
    model.dispose();
  }, 60_000);
});
