import { beforeEach, describe, expect, it } from 'vitest';
import { numTensors, ops, toKerasJson, type Tensor } from '@strata/core';
import { clearSession, Dense, Dropout, Input, KerasTensor, type CallArgs } from '@strata/layers';
import { expectTensorsClose } from '@strata/test-utils';
import { Functional, Model } from './index.js';
import { engineCase, summaryOf } from './test-support/engine-fixtures.js';

beforeEach(() => clearSession());

/** Keras' subclassed_mlp case. */
class MLP extends Model {
  hidden = new Dense({ units: 64, activation: 'relu' });
  drop = new Dropout({ rate: 0.5 });
  out = new Dense({ units: 10 });
  trainingSeen: Array<boolean | undefined> = [];

  override call(x: Tensor, kwargs: CallArgs = {}): Tensor {
    if (!(x instanceof KerasTensor)) this.trainingSeen.push(kwargs.training);
    return this.out.apply(this.drop.apply(this.hidden.apply(x), { training: kwargs.training }));
  }
}

describe('subclassed models', () => {
  it('build on their first call, with Keras summaries, paths and build configs', () => {
    const keras = engineCase('subclassed_mlp');
    const model = new MLP();
    expect(model.built).toBe(false);
    expect(model.layers.map((l) => l.name)).toEqual(['dense', 'dropout', 'dense_1']);
    expect(summaryOf(model)).toBe(keras.summary_unbuilt);
    const x = ops.zeros([3, 784]);
    const y = model.predict(x) as Tensor;
    expect(y.shape).toEqual([3, 10]);
    expect(summaryOf(model)).toBe(keras.model.summary);
    expect(model.weights.map((w) => w.path)).toEqual(keras.model.weights.map((w) => w.path));
    expect(toKerasJson(model.getBuildConfig())).toEqual(keras.model.build_config);
    expect(toKerasJson(model.hidden.getBuildConfig())).toEqual(keras.model.hidden_build_config);
    expect(model.countParams()).toBe(50890);
    for (const t of [x, y]) t.dispose();
    model.dispose();
  });

  it('trace symbolically when applied to an Input', () => {
    const keras = engineCase('subclassed_mlp');
    const first = new MLP();
    first.predict(ops.zeros([3, 784])).dispose();
    const model = new MLP();
    const out = model.apply(Input({ shape: [784] }));
    expect(out.shape).toEqual(keras.symbolic!.output_shape);
    expect(summaryOf(model)).toBe(keras.symbolic!.summary);
    expect(model.weights.map((w) => w.path)).toEqual(keras.symbolic!.weights);
    first.dispose();
    model.dispose();
  });

  it('receive training=false from predict and the caller\'s flag from apply', () => {
    const model = new MLP();
    const x = ops.ones([2, 784]);
    model.predict(x).dispose();
    const dropped = model.apply(x, { training: true }) as Tensor;
    expect(model.trainingSeen).toEqual([false, true]);
    dropped.dispose();
    x.dispose();
    model.dispose();
  });

  it('build from build(inputShape) by tracing call', () => {
    const model = new MLP();
    model.build([null, 20]);
    expect(model.hidden.kernel.shape).toEqual([20, 64]);
    expect(model.countParams()).toBe(20 * 64 + 64 + 650);
    model.dispose();
  });

  it('predict like calling them, without leaking', () => {
    const model = new MLP();
    const x = ops.ones([5, 784]);
    const direct = model.apply(x) as Tensor;
    const before = numTensors();
    const batched = model.predict(x, { batchSize: 2 }) as Tensor;
    expect(numTensors() - before).toBe(1);
    expectTensorsClose(batched, direct, { rtol: 1e-5, atol: 1e-6 });
    const one = model.predictOnBatch(x) as Tensor;
    expectTensorsClose(one, direct, { rtol: 1e-5, atol: 1e-6 });
    for (const t of [x, direct, batched, one]) t.dispose();
    model.dispose();
  });

  it('have the Layer config, and fromConfig passes it to the constructor', () => {
    const model = new MLP({ name: 'custom' });
    expect(model.getConfig()).toEqual({ name: 'custom', trainable: true, dtype: { module: 'keras', className: 'DTypePolicy', config: { name: 'float32' }, registeredName: null } });
    const copy = MLP.fromConfig(model.getConfig());
    expect(copy).toBeInstanceOf(MLP);
    expect(copy.name).toBe('custom');
  });

  it('need a call()', () => {
    const model = new Model();
    const x = ops.ones([1, 2]);
    expect(() => model.apply(x)).toThrow('Model Model does not have a call() method implemented.');
    x.dispose();
  });

  it('must extend Functional to be built from { inputs, outputs }', () => {
    const x = Input({ shape: [2] });
    class Wrong extends Model {}
    expect(() => new Wrong({ inputs: x, outputs: x })).toThrow(/must extend Functional/);
    class Right extends Functional {}
    expect(new Right({ inputs: x, outputs: new Dense({ units: 1 }).apply(x) })).toBeInstanceOf(Right);
  });
});

describe('new Model({ inputs, outputs })', () => {
  it('returns a Functional, named like Keras', () => {
    const x = Input({ shape: [2] });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1 }).apply(x) });
    expect(model).toBeInstanceOf(Functional);
    expect(model.name).toBe('functional');
    model.dispose();
  });
});
