/**
 * The models of the shared Keras fixtures (`models/<case>`, tools/keras-golden/model_zoo.py) that the engine's
 * layers can build, compared with what Keras printed and wrote for them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { toKerasJson } from '@strata/core';
import { clearSession, Dense, Dropout, Input, kerasClassName } from '@strata/layers';
import { kerasGolden } from '@strata/test-utils';
import { Model, modelFromJson, Sequential } from './index.js';
import { Concatenate } from './test-support/concatenate.js';
import { plain, summaryOf } from './test-support/engine-fixtures.js';

beforeEach(() => clearSession());

const BUILDERS: Record<string, () => Model> = {
  sequential_dense: () => new Sequential({ layers: [Input({ shape: [784] }), new Dense({ units: 64 })], name: 'sequential_dense' }),
  sequential_mlp: () =>
    new Sequential({
      layers: [Input({ shape: [784] }), new Dense({ units: 64, activation: 'relu' }), new Dropout({ rate: 0.2 }), new Dense({ units: 10, activation: 'softmax' })],
      name: 'mlp',
    }),
  sequential_unbuilt: () => new Sequential({ layers: [new Dense({ units: 8, activation: 'relu' }), new Dense({ units: 2 })], name: 'unbuilt' }),
  functional_two_inputs: () => {
    const a = Input({ shape: [8], name: 'input_a' });
    const b = Input({ shape: [8], name: 'input_b' });
    const shared = new Dense({ units: 4, activation: 'relu', name: 'shared_dense' });
    const merged = new Concatenate({ name: 'concat' }).apply([shared.apply(a), shared.apply(b)]);
    return new Model({ inputs: [a, b], outputs: new Dense({ units: 1, activation: 'sigmoid', name: 'head' }).apply(merged), name: 'two_inputs' });
  },
};

describe.each(Object.keys(BUILDERS))('models/%s', (name) => {
  const keras = kerasGolden(`models/${name}`);

  it('has the layers, weights and parameter counts Keras reports', () => {
    const model = BUILDERS[name]!();
    expect(model.layers.map((l) => ({ name: l.name, class_name: kerasClassName(l) }))).toEqual(keras.layers);
    expect(model.weights.map((w) => ({ path: w.path, name: w.name, shape: w.shape, trainable: w.trainable }))).toEqual(keras.weights);
    expect(model.built ? model.countParams() : null).toBe(keras.params.total);
    model.dispose();
  });

  it('prints the summaries Keras prints', () => {
    const model = BUILDERS[name]!();
    expect(summaryOf(model)).toBe(keras.summary.trimEnd());
    expect(summaryOf(model, { lineLength: 120 })).toBe(keras.summary_line_length_120.trimEnd());
    expect(summaryOf(model, { showTrainable: true })).toBe(keras.summary_show_trainable.trimEnd());
    expect(summaryOf(model, { expandNested: true })).toBe(keras.summary_expand_nested.trimEnd());
    model.dispose();
  });

  it("writes Keras' config and JSON, and reads Keras' JSON back", () => {
    const model = BUILDERS[name]!();
    expect(plain(toKerasJson(model.getConfig()))).toEqual(keras.config);
    expect(JSON.parse(model.toJson())).toEqual(JSON.parse(keras.to_json));
    const loaded = modelFromJson(keras.to_json);
    expect(plain(toKerasJson(loaded.getConfig()))).toEqual(keras.config);
    model.dispose();
    loaded.dispose();
  });
});
