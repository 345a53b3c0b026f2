import { beforeEach, describe, expect, it } from 'vitest';
import { numTensors, ops, random, toKerasJson, type Tensor } from '@strata/core';
import { Activation, clearSession, Dense, Dropout, Input, KerasTensor, type Layer } from '@strata/layers';
import { expectTensorsClose, kerasGolden } from '@strata/test-utils';
import { Functional, Model, modelFromJson, Sequential } from '../index.js';
import { Concatenate } from '../test-support/concatenate.js';
import { engineCase, plain, summaryOf } from '../test-support/engine-fixtures.js';

beforeEach(() => clearSession());

/** Keras' two_inputs_shared case, built the same way. */
function twoInputsShared(): Model {
  const a = Input({ shape: [8], name: 'a' });
  const b = Input({ shape: [8], name: 'b' });
  const shared = new Dense({ units: 4 });
  const out = new Dense({ units: 1 }).apply(new Concatenate().apply([shared.apply(a), shared.apply(b)]));
  return new Model({ inputs: [a, b], outputs: out });
}

/** Keras' dict_io case. */
function dictIo(): Model {
  const x = Input({ shape: [6], name: 'x' });
  const h = new Dense({ units: 5, activation: 'tanh', name: 'hidden' }).apply(x);
  const frozen = new Dense({ units: 3, name: 'frozen', trainable: false });
  return new Model({ inputs: { x }, outputs: { logits: new Dense({ units: 2, name: 'logits' }).apply(h), aux: frozen.apply(h) }, name: 'dict_io' });
}

/** Keras' nested_shared_sequential case. */
function nestedShared(): Model {
  const inner = new Sequential({ layers: [Input({ shape: [3] }), new Dense({ units: 3, activation: 'relu' })], name: 'inner' });
  const x = Input({ shape: [3], name: 'x' });
  const y = inner.apply(x);
  const z = inner.apply(new Dense({ units: 3, name: 'middle' }).apply(y));
  return new Model({ inputs: x, outputs: new Activation({ activation: 'sigmoid', name: 'act' }).apply(z), name: 'outer' });
}

/** Keras' branching_order case: layers created in an order unlike Keras' listing. */
function branching(): Model {
  const x = Input({ shape: [4], name: 'x' });
  const b = new Dense({ units: 3, name: 'b' }).apply(x);
  const h = new Dense({ units: 2, name: 'h' }).apply(b);
  const a = new Dense({ units: 3, name: 'a' }).apply(x);
  const e = new Activation({ activation: 'relu', name: 'e' }).apply(a);
  const c = new Dense({ units: 3, name: 'c' }).apply(a);
  const d = new Concatenate({ name: 'd' }).apply([b, c]);
  const f = new Concatenate({ name: 'f' }).apply([d, e]);
  const g = new Dense({ units: 2, name: 'g' }).apply(f);
  return new Model({ inputs: x, outputs: [g, h], name: 'branching' });
}

const CASES: Array<[string, () => Model]> = [
  ['branching_order', branching],
  ['two_inputs_shared', twoInputsShared],
  ['dict_io', dictIo],
  ['nested_shared_sequential', nestedShared],
];

describe.each(CASES)('%s matches Keras', (name, build) => {
  const keras = engineCase(name).model;

  it('is a Functional with Keras layer order, weights and parameter counts', () => {
    const model = build();
    expect(model).toBeInstanceOf(Functional);
    expect(model.layers.map((l) => l.name)).toEqual(keras.layers.map((l) => l.name));
    expect(model.weights.map((w) => ({ path: w.path, shape: w.shape, trainable: w.trainable }))).toEqual(keras.weights);
    expect(model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0)).toBe(keras.trainable_params);
    expect(model.nonTrainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0)).toBe(keras.non_trainable_params);
    model.dispose();
  });

  it('prints Keras summaries', () => {
    const model = build();
    expect(summaryOf(model)).toBe(keras.summary);
    expect(summaryOf(model, { lineLength: 120 })).toBe(keras.summary_line_length_120);
    expect(summaryOf(model, { showTrainable: true })).toBe(keras.summary_show_trainable);
    expect(summaryOf(model, { expandNested: true })).toBe(keras.summary_expand_nested);
    model.dispose();
  });

  it('writes Keras 3 config and JSON', () => {
    const model = build();
    expect(plain(toKerasJson(model.getConfig()))).toEqual(keras.config);
    expect(JSON.parse(model.toJson())).toEqual(keras.to_json);
    model.dispose();
  });

  it("loads Keras' JSON into the same architecture", () => {
    const model = modelFromJson(JSON.stringify(keras.to_json));
    expect(plain(toKerasJson(model.getConfig()))).toEqual(keras.config);
    expect(summaryOf(model)).toBe(keras.summary);
    model.dispose();
  });

  it('round-trips its config: same weights, same outputs', () => {
    const model = build();
    const copy = Model.fromConfig(model.getConfig());
    expect(copy).toBeInstanceOf(Functional);
    copy.setWeights(model.getWeights());
    const xs = (model as Functional).inputs.map((t, i) => random.normal([4, ...(t.shape.slice(1) as number[])], { seed: 10 + i }));
    const feed = name === 'dict_io' ? { x: xs[0]! } : xs.length === 1 ? xs[0]! : xs;
    const a = model.predict<unknown>(feed);
    const b = copy.predict<unknown>(feed);
    const flat = (o: unknown): Tensor[] => (Array.isArray(o) ? o : typeof o === 'object' && o && !('dataId' in o) ? Object.values(o as Record<string, Tensor>) : [o as Tensor]);
    flat(a).forEach((t, i) => expectTensorsClose(flat(b)[i]!, t));
    for (const t of [...xs, ...flat(a), ...flat(b)]) t.dispose();
    model.dispose();
    copy.dispose();
  });
});

describe('functional models', () => {
  it('runs two inputs through a shared layer', () => {
    const model = twoInputsShared();
    const a = random.normal([3, 8], { seed: 1 });
    const b = random.normal([3, 8], { seed: 2 });
    const y = model.predict([a, b]) as Tensor;
    const shared = model.getLayer('dense') as Dense;
    const head = model.getLayer(4) as Dense;
    const expected = ops.add(ops.matMul(ops.concat([ops.add(ops.matMul(a, shared.kernel.value), shared.bias!.value), ops.add(ops.matMul(b, shared.kernel.value), shared.bias!.value)], -1), head.kernel.value), head.bias!.value);
    expectTensorsClose(y, expected, { rtol: 1e-5, atol: 1e-5 });
    // Inputs may also be given as a record keyed by input name.
    const byName = model.predict({ a, b } as never) as Tensor;
    expectTensorsClose(byName, y);
    for (const t of [a, b, y, expected, byName]) t.dispose();
    model.dispose();
  });

  it('returns outputs in the structure given (a record)', () => {
    const model = dictIo();
    const x = ops.ones([2, 6]);
    const out = model.predict({ x }) as Record<string, Tensor>;
    expect(Object.keys(out).sort()).toEqual(['aux', 'logits']);
    expect(out.logits!.shape).toEqual([2, 2]);
    expect(out.aux!.shape).toEqual([2, 3]);
    for (const t of [x, out.logits!, out.aux!]) t.dispose();
    model.dispose();
  });

  it('passes training to the layers inside', () => {
    const x = Input({ shape: [100] });
    const model = new Model({ inputs: x, outputs: new Dropout({ rate: 0.5, seed: 1 }).apply(x) });
    const ones = ops.ones([2, 100]);
    const inference = model.apply(ones) as Tensor;
    const training = model.apply(ones, { training: true }) as Tensor;
    expect(Array.from(inference.dataSync()).every((v) => v === 1)).toBe(true);
    expect(new Set(training.dataSync())).toEqual(new Set([0, 2]));
    for (const t of [ones, inference, training]) t.dispose();
  });

  it('rejects outputs not reachable from the inputs, naming the missing input', () => {
    const a = Input({ shape: [3], name: 'a' });
    const b = Input({ shape: [3], name: 'b' });
    const merged = new Concatenate().apply([a, b]);
    expect(() => new Model({ inputs: a, outputs: new Dense({ units: 2 }).apply(merged) })).toThrow(
      /^Graph disconnected: cannot find parent for tensor <KerasTensor shape=\[null, 3\], dtype=float32, name=b> at operation "concatenate"\..*the Input "b", which is not among the model's inputs/,
    );
    expect(() => new Model({ inputs: a, outputs: b })).toThrow(/Graph disconnected: output 0 .* is not connected to the model's inputs \[a\]/);
  });

  it('rejects duplicate layer names and non-symbolic inputs', () => {
    const x = Input({ shape: [2] });
    const y = new Dense({ units: 2, name: 'same' }).apply(new Dense({ units: 2, name: 'same' }).apply(x));
    expect(() => new Model({ inputs: x, outputs: y })).toThrow('The name "same" is used 2 times in the model. All operation names should be unique.');
    const t = ops.ones([1, 2]);
    expect(() => new Model({ inputs: t as never, outputs: y })).toThrow(/All "inputs" values must be KerasTensors/);
    t.dispose();
  });

  it('builds a model from intermediate tensors, sharing the layers', () => {
    const x = Input({ shape: [4] });
    const hidden = new Dense({ units: 3, name: 'hidden' }).apply(x);
    const out = new Dense({ units: 2, name: 'out' }).apply(hidden);
    const full = new Model({ inputs: x, outputs: out });
    const head = new Model({ inputs: hidden, outputs: out });
    expect(head.layers.map((l) => l.constructor.name)).toEqual(['InputLayer', 'Dense']);
    const h = ops.ones([2, 3]);
    const y = head.predict(h) as Tensor;
    const outLayer = full.getLayer('out') as Dense;
    const expected = ops.add(ops.matMul(h, outLayer.kernel.value), outLayer.bias!.value);
    expectTensorsClose(y, expected);
    for (const t of [h, y, expected]) t.dispose();
    full.dispose();
  });

  it('is a layer: applied to symbolic inputs it adds one node to the outer graph', () => {
    const innerX = Input({ shape: [3] });
    const inner = new Model({ inputs: innerX, outputs: new Dense({ units: 2 }).apply(innerX), name: 'inner' });
    const x = Input({ shape: [3] });
    const y = inner.apply(x);
    expect(y).toBeInstanceOf(KerasTensor);
    expect(y.shape).toEqual([null, 2]);
    expect(inner.inboundNodes).toHaveLength(1);
    const outer = new Model({ inputs: x, outputs: y });
    expect(outer.layers.map((l: Layer) => l.name)).toEqual(['input_layer_1', 'inner']);
    expect((outer.getConfig().outputLayers as unknown[])).toEqual(['inner', 1, 0]);
    outer.dispose();
  });

  it('finds layers by name or index, with Keras errors', () => {
    const model = twoInputsShared();
    expect(model.getLayer('concatenate').name).toBe('concatenate');
    expect(model.getLayer(0).name).toBe('a');
    expect(() => model.getLayer('nope')).toThrow('No such layer: nope. Existing layers are: ["a","b","dense","concatenate","dense_1"].');
    expect(() => model.getLayer(9)).toThrow('Was asked to retrieve layer at index 9 but model only has 5 layers.');
    model.dispose();
  });

  it('rejects a wrong input structure', () => {
    const model = twoInputsShared();
    const t = ops.ones([1, 8]);
    expect(() => model.apply(t)).toThrow('Layer "functional" expects 2 named input(s) with keys ["a","b"], but it received 1 input tensors.');
    t.dispose();
    model.dispose();
  });

  it('leaves no tensor behind after predict', () => {
    const model = twoInputsShared();
    const a = ops.ones([5, 8]);
    model.predict([a, a]).dispose();
    const before = numTensors();
    for (let i = 0; i < 20; i++) (model.predict([a, a], { batchSize: 2 }) as Tensor).dispose();
    expect(numTensors()).toBe(before);
    a.dispose();
    model.dispose();
  });
});

describe('inbound node kwargs, as Keras records them', () => {
  // Keras' MobileNet config (built by Keras 3.15.1) holds a Dropout, whose call defaults training=False, and
  // BatchNormalizations, whose call takes a mask: Keras writes {training: false} and {mask: null} on their nodes.
  const keras = (kerasGolden('applications/architectures/mobilenet') as unknown as { config: { config: { layers: Array<{ class_name: string; inbound_nodes: Array<{ kwargs: unknown }> }> } } }).config.config.layers;
  const kwargsOf = (cls: string) => keras.find((l) => l.class_name === cls)!.inbound_nodes[0]!.kwargs;

  it('records training=false for Dropout as Keras does', () => {
    const x = Input({ shape: [4] });
    const model = new Model({ inputs: x, outputs: new Dropout({ rate: 0.5 }).apply(new Dense({ units: 3 }).apply(x)) });
    const layers = (JSON.parse(model.toJson()) as { config: { layers: Array<{ class_name: string; inbound_nodes: Array<{ kwargs: unknown }> }> } }).config.layers;
    expect(layers.find((l) => l.class_name === 'Dropout')!.inbound_nodes[0]!.kwargs).toEqual(kwargsOf('Dropout'));
    expect(layers.find((l) => l.class_name === 'Dense')!.inbound_nodes[0]!.kwargs).toEqual(kwargsOf('Conv2D'));
  });
});
