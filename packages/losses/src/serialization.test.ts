/**
 * `get` / `serialize` / `deserialize` (Keras' names, aliases, class names, snake_case and camelCase), config
 * round trips through Keras JSON, `resolveLoss`'s crossentropy rule, and the errors.
 */
import { describe, expect, it } from 'vitest';
import {
  ValueError, dispose, fromKerasJson, ops, registerKerasSerializable, tensor, toKerasJson, type Tensor,
} from '@strata/core';
import { expectTensorsClose } from '@strata/test-utils';
import * as losses from './index.js';

const { get, serialize, deserialize, resolveLoss } = losses;

describe('get: function names and aliases give the function', () => {
  it.each([
    ['mean_squared_error', losses.meanSquaredError], ['meanSquaredError', losses.meanSquaredError], ['mse', losses.meanSquaredError], ['MSE', losses.meanSquaredError],
    ['mean_absolute_error', losses.meanAbsoluteError], ['mae', losses.meanAbsoluteError], ['MAE', losses.meanAbsoluteError],
    ['mean_absolute_percentage_error', losses.meanAbsolutePercentageError], ['mape', losses.meanAbsolutePercentageError],
    ['mean_squared_logarithmic_error', losses.meanSquaredLogarithmicError], ['msle', losses.meanSquaredLogarithmicError],
    ['squared_hinge', losses.squaredHinge], ['squaredHinge', losses.squaredHinge], ['hinge', losses.hinge],
    ['categorical_hinge', losses.categoricalHinge],
    ['binary_crossentropy', losses.binaryCrossentropy], ['binaryCrossentropy', losses.binaryCrossentropy], ['bce', losses.binaryCrossentropy], ['BCE', losses.binaryCrossentropy],
    ['binary_focal_crossentropy', losses.binaryFocalCrossentropy],
    ['log_cosh', losses.logCosh], ['logCosh', losses.logCosh], ['logcosh', losses.logCosh],
    ['categorical_crossentropy', losses.categoricalCrossentropy], ['categorical_focal_crossentropy', losses.categoricalFocalCrossentropy],
    ['sparse_categorical_crossentropy', losses.sparseCategoricalCrossentropy], ['sparseCategoricalCrossentropy', losses.sparseCategoricalCrossentropy],
    ['kl_divergence', losses.klDivergence], ['kld', losses.klDivergence], ['KLD', losses.klDivergence], ['kullback_leibler_divergence', losses.klDivergence],
    ['poisson', losses.poisson],
    ['cosine_similarity', losses.cosineSimilarity], ['cosine_proximity', losses.cosineSimilarity],
    ['huber', losses.huber],
  ])('%s', (name, fn) => {
    expect(get(name)).toBe(fn);
  });
});

describe('get: class names give a new instance', () => {
  it.each([
    ['MeanSquaredError', losses.MeanSquaredError, 'mean_squared_error'],
    ['MeanAbsoluteError', losses.MeanAbsoluteError, 'mean_absolute_error'],
    ['MeanAbsolutePercentageError', losses.MeanAbsolutePercentageError, 'mean_absolute_percentage_error'],
    ['MeanSquaredLogarithmicError', losses.MeanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
    ['CosineSimilarity', losses.CosineSimilarity, 'cosine_similarity'],
    ['Huber', losses.Huber, 'huber_loss'],
    ['LogCosh', losses.LogCosh, 'log_cosh'],
    ['Hinge', losses.Hinge, 'hinge'],
    ['SquaredHinge', losses.SquaredHinge, 'squared_hinge'],
    ['CategoricalHinge', losses.CategoricalHinge, 'categorical_hinge'],
    ['KLDivergence', losses.KLDivergence, 'kl_divergence'],
    ['Poisson', losses.Poisson, 'poisson'],
    ['BinaryCrossentropy', losses.BinaryCrossentropy, 'binary_crossentropy'],
    ['BinaryFocalCrossentropy', losses.BinaryFocalCrossentropy, 'binary_focal_crossentropy'],
    ['CategoricalCrossentropy', losses.CategoricalCrossentropy, 'categorical_crossentropy'],
    ['CategoricalFocalCrossentropy', losses.CategoricalFocalCrossentropy, 'categorical_focal_crossentropy'],
    ['SparseCategoricalCrossentropy', losses.SparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'],
  ])('%s', (name, cls, defaultName) => {
    const a = get(name);
    expect(a).toBeInstanceOf(cls);
    expect((a as losses.Loss).name).toBe(defaultName);
    expect(get(name)).not.toBe(a);
  });

  it('passes instances and functions through, instantiates classes, and gives null for null', () => {
    const l = new losses.Huber();
    expect(get(l)).toBe(l);
    expect(get(losses.poisson)).toBe(losses.poisson);
    expect(get(losses.Poisson)).toBeInstanceOf(losses.Poisson);
    expect(get(null)).toBeNull();
  });
});

describe('unknown names', () => {
  it('list every accepted name', () => {
    expect(() => get('mean_squared_eror')).toThrow(ValueError);
    let message = '';
    try {
      get('mean_squared_eror');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Unknown loss: "mean_squared_eror"');
    for (const n of ['mean_squared_error (mse)', 'kl_divergence (kld, kullback_leibler_divergence)', 'huber', 'BinaryFocalCrossentropy', 'Huber']) {
      expect(message).toContain(n);
    }
  });

  it('unknown class names in configs are errors too', () => {
    expect(() => deserialize({ className: 'FancyLoss', config: {} })).toThrow(/Unknown loss: "FancyLoss"/);
  });
});

/** Every class with a non-default configuration. */
const CONFIGURED: losses.Loss[] = [
  new losses.MeanSquaredError({ reduction: 'sum', name: 'my_mse' }),
  new losses.MeanAbsoluteError({ reduction: 'none' }),
  new losses.MeanAbsolutePercentageError({ reduction: null }),
  new losses.MeanSquaredLogarithmicError({ reduction: 'mean' }),
  new losses.CosineSimilarity({ axis: 0 }),
  new losses.Huber({ delta: 0.25, reduction: 'mean_with_sample_weight' }),
  new losses.LogCosh(),
  new losses.Hinge(),
  new losses.SquaredHinge(),
  new losses.CategoricalHinge(),
  new losses.KLDivergence(),
  new losses.Poisson(),
  new losses.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1, axis: 1 }),
  new losses.BinaryFocalCrossentropy({ applyClassBalancing: true, alpha: 0.4, gamma: 3, fromLogits: true, labelSmoothing: 0.05 }),
  new losses.CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.2, axis: 1 }),
  new losses.CategoricalFocalCrossentropy({ alpha: 0.5, gamma: 1, fromLogits: true }),
  new losses.SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 3 }),
  new losses.LossFunctionWrapper({ fn: losses.huber, name: 'wrapped_huber', delta: 2, reduction: 'sum' }),
];

describe('config round trips through Keras JSON', () => {
  it.each(CONFIGURED.map((l) => [l.constructor.name, l] as const))('%s', (_, loss) => {
    const json = JSON.parse(JSON.stringify(toKerasJson(serialize(loss))));
    expect(json.module).toBe('keras.losses');
    expect(json.class_name).toBe((loss.constructor as unknown as { className: string }).className);
    const back = deserialize(fromKerasJson(json) as never) as losses.Loss;
    expect(back).toBeInstanceOf(loss.constructor);
    expect(back.getConfig()).toEqual(loss.getConfig());
    // Same numbers too.
    const t = ops.tensor([[0, 1, 1], [1, 0, 1]]);
    const p = ops.tensor([[0.2, 0.6, 0.9], [0.3, 0.4, 0.8]]);
    const labels = ops.tensor([[2], [1]]);
    const isSparse = loss instanceof losses.SparseCategoricalCrossentropy;
    const a = loss.apply(isSparse ? labels : t, p);
    const b = back.apply(isSparse ? labels : t, p);
    expectTensorsClose(a, b, { rtol: 0, atol: 0 });
    dispose([t, p, labels, a, b]);
  });

  it('functions serialize as Keras does and come back', () => {
    const s = serialize(losses.meanSquaredError);
    expect(toKerasJson(s)).toEqual({ module: 'builtins', class_name: 'function', config: 'mean_squared_error', registered_name: 'function' });
    expect(deserialize(fromKerasJson(toKerasJson(s)) as never)).toBe(losses.meanSquaredError);
    expect(deserialize('mse')).toBe(losses.meanSquaredError);
  });

  it('a LossFunctionWrapper config holds the function and its options as Keras writes them', () => {
    const w = new losses.LossFunctionWrapper({ fn: 'huber', name: 'h', delta: 2 });
    expect(toKerasJson(w.getConfig())).toEqual({
      name: 'h', reduction: 'sum_over_batch_size', delta: 2,
      fn: { module: 'builtins', class_name: 'function', config: 'huber', registered_name: 'function' },
    });
  });

  it('Keras 2 configs load: reduction "auto" and the old function names', () => {
    const l = deserialize({ className: 'MeanSquaredError', config: { reduction: 'auto', name: 'mean_squared_error' } }) as losses.Loss;
    expect(l.reduction).toBe('sum_over_batch_size');
    expect(deserialize('logcosh')).toBe(losses.logCosh);
    expect(deserialize('cosine_proximity')).toBe(losses.cosineSimilarity);
  });
});

describe('custom losses', () => {
  it('a registered Loss subclass and a registered function round-trip', () => {
    class Cubed extends losses.Loss {
      static override className = 'Cubed';
      call(yTrue: Tensor, yPred: Tensor): Tensor {
        return ops.mean(ops.abs(ops.pow(ops.sub(yTrue, yPred), 3)), -1);
      }
    }
    const fourth = (yTrue: Tensor, yPred: Tensor): Tensor => ops.mean(ops.pow(ops.sub(yTrue, yPred), 4), -1);
    registerKerasSerializable(Cubed, { package: 'LossTest' });
    registerKerasSerializable(fourth, { package: 'LossTest', name: 'fourth' });
    const s = serialize(new Cubed({ reduction: 'sum' }));
    expect(s.registeredName).toBe('LossTest>Cubed');
    const back = deserialize(s as never) as losses.Loss;
    expect(back).toBeInstanceOf(Cubed);
    expect(back.reduction).toBe('sum');
    expect(get('LossTest>fourth')).toBe(fourth);
    const w = new losses.LossFunctionWrapper({ fn: fourth, name: 'f4' });
    const again = deserialize(fromKerasJson(toKerasJson(serialize(w))) as never) as losses.LossFunctionWrapper;
    expect(again.fn).toBe(fourth);
  });

  it('an unregistered function cannot be serialized, and says how to fix it', () => {
    expect(() => serialize((a: Tensor) => a)).toThrow(/registerKerasSerializable/);
  });
});

describe('resolveLoss (compile)', () => {
  it.each([
    { name: 'crossentropy, y_pred last dim 1 → binary', id: 'crossentropy', yTrueShape: [8, 1], yPredShape: [8, 1], fn: losses.binaryCrossentropy },
    { name: 'ce, labels rank < predictions rank → sparse', id: 'ce', yTrueShape: [8], yPredShape: [8, 5], fn: losses.sparseCategoricalCrossentropy },
    { name: 'ce, labels [8, 1] vs [8, 5] → sparse', id: 'CE', yTrueShape: [8, 1], yPredShape: [8, 5], fn: losses.sparseCategoricalCrossentropy },
    { name: 'crossentropy, one-hot → categorical', id: 'Crossentropy', yTrueShape: [8, 5], yPredShape: [8, 5], fn: losses.categoricalCrossentropy },
  ])('$name', ({ id, yTrueShape, yPredShape, fn }) => {
    const l = resolveLoss(id, { yTrueShape, yPredShape }) as losses.LossFunctionWrapper;
    expect(l).toBeInstanceOf(losses.LossFunctionWrapper);
    expect(l.fn).toBe(fn);
    expect(l.name).toBe(id);
  });

  it('wraps functions named by the string given, keeps Loss objects', () => {
    const mse = resolveLoss('mse') as losses.LossFunctionWrapper;
    expect(mse.fn).toBe(losses.meanSquaredError);
    expect(mse.name).toBe('mse');
    expect((resolveLoss(losses.poisson) as losses.Loss).name).toBe('poisson');
    const h = new losses.Huber();
    expect(resolveLoss(h)).toBe(h);
    expect(resolveLoss(null)).toBeNull();
  });

  it('crossentropy without shapes is an error that says what is needed', () => {
    expect(() => resolveLoss('crossentropy')).toThrow(/expected both/);
  });

  it('a wrapped function gives the same value as the class', () => {
    const t = tensor([[1, 2], [3, 4]]);
    const p = tensor([[1.5, 2], [2, 5]]);
    const a = resolveLoss('mse')!.apply(t, p);
    const b = new losses.MeanSquaredError().apply(t, p);
    expectTensorsClose(a, b, { rtol: 0, atol: 0 });
    dispose([t, p, a, b]);
  });
});
