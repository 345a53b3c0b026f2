/**
 * `get` / `serialize` / `deserialize` (Keras 3's names, snake_case, camelCase, aliases, loss names), config round
 * trips through Keras JSON, and `resolveMetric`'s rule for 'accuracy' / 'acc' (keras/src/trainers/compile_utils.py).
 */
import { describe, expect, it } from 'vitest';
import { ValueError, dispose, fromKerasJson, ops, registerKerasSerializable, tensor, toKerasJson, type Tensor } from '@strata/core';
import { expectTensorsClose } from '@strata/test-utils';
import * as losses from '@strata/losses';
import * as metrics from './index.js';
import type { Metric } from './metric.js';

const { get, serialize, deserialize, resolveMetric } = metrics;
const className = (m: unknown): string => (m as { constructor: { className: string } }).constructor.className;

describe('get: names give a new metric', () => {
  it.each([
    ['mse', 'MeanSquaredError', 'mean_squared_error'], ['MSE', 'MeanSquaredError', 'mean_squared_error'],
    ['mean_squared_error', 'MeanSquaredError', 'mean_squared_error'], ['meanSquaredError', 'MeanSquaredError', 'mean_squared_error'],
    ['mae', 'MeanAbsoluteError', 'mean_absolute_error'], ['mape', 'MeanAbsolutePercentageError', 'mean_absolute_percentage_error'],
    ['msle', 'MeanSquaredLogarithmicError', 'mean_squared_logarithmic_error'], ['bce', 'BinaryCrossentropy', 'binary_crossentropy'],
    ['root_mean_squared_error', 'RootMeanSquaredError', 'root_mean_squared_error'],
    ['accuracy', 'Accuracy', 'accuracy'], ['binary_accuracy', 'BinaryAccuracy', 'binary_accuracy'], ['binaryAccuracy', 'BinaryAccuracy', 'binary_accuracy'],
    ['BinaryAccuracy', 'BinaryAccuracy', 'binary_accuracy'], ['categorical_accuracy', 'CategoricalAccuracy', 'categorical_accuracy'],
    ['sparse_categorical_accuracy', 'SparseCategoricalAccuracy', 'sparse_categorical_accuracy'],
    ['top_k_categorical_accuracy', 'TopKCategoricalAccuracy', 'top_k_categorical_accuracy'],
    ['sparse_top_k_categorical_accuracy', 'SparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy'],
    ['AUC', 'AUC', 'auc'], ['auc', 'AUC', 'auc'], ['precision', 'Precision', 'precision'], ['Recall', 'Recall', 'recall'],
    ['f1_score', 'F1Score', 'f1_score'], ['F1Score', 'F1Score', 'f1_score'], ['fbeta_score', 'FBetaScore', 'fbeta_score'],
    ['mean', 'Mean', 'mean'], ['sum', 'Sum', 'sum'], ['logcosh', 'LogCoshError', 'logcosh'], ['log_cosh_error', 'LogCoshError', 'logcosh'],
    ['categorical_crossentropy', 'CategoricalCrossentropy', 'categorical_crossentropy'], ['kl_divergence', 'KLDivergence', 'kl_divergence'],
    ['cosine_similarity', 'CosineSimilarity', 'cosine_similarity'], ['hinge', 'Hinge', 'hinge'], ['poisson', 'Poisson', 'poisson'],
  ])('%s', (id, cls, name) => {
    const m = get(id) as Metric;
    expect(className(m)).toBe(cls);
    expect(m.name).toBe(name);
    m.dispose();
  });

  it.each([
    ['huber', losses.huber], ['kld', losses.klDivergence], ['binary_focal_crossentropy', losses.binaryFocalCrossentropy], ['cosine_proximity', losses.cosineSimilarity],
  ])('loss function name %s gives a MeanMetricWrapper around the loss', (id, fn) => {
    const m = get(id) as metrics.MeanMetricWrapper;
    expect(m).toBeInstanceOf(metrics.MeanMetricWrapper);
    expect(m.fn).toBe(fn);
    expect(m.name).toBe(id);
    expect(m.direction).toBe('down');
    m.dispose();
  });

  it('unknown names list the accepted ones', () => {
    expect(() => get('acuracy')).toThrow(ValueError);
    expect(() => get('acuracy')).toThrow(/Unknown metric: "acuracy". Accepted names: .*AUC.*BinaryAccuracy.*mse.*'accuracy'\/'acc'.*huber/);
  });
});

/** Every class, configured away from its defaults. */
function configured(): Metric[] {
  return [
    new metrics.Mean({ name: 'm' }), new metrics.Sum({ name: 's' }),
    new metrics.MeanMetricWrapper({ fn: losses.huber, name: 'hub', delta: 0.5 }),
    new metrics.MeanMetricWrapper({ fn: 'binary_accuracy', name: 'ba', threshold: 0.2 }),
    new metrics.Accuracy({ name: 'a' }), new metrics.BinaryAccuracy({ threshold: 0.7 }), new metrics.CategoricalAccuracy(),
    new metrics.SparseCategoricalAccuracy(), new metrics.TopKCategoricalAccuracy({ k: 2 }),
    new metrics.SparseTopKCategoricalAccuracy({ k: 3, fromSortedIds: true }),
    new metrics.MeanSquaredError(), new metrics.RootMeanSquaredError(), new metrics.MeanAbsoluteError(),
    new metrics.MeanAbsolutePercentageError(), new metrics.MeanSquaredLogarithmicError(), new metrics.CosineSimilarity({ axis: 0 }),
    new metrics.LogCoshError(), new metrics.Hinge(), new metrics.SquaredHinge(), new metrics.CategoricalHinge(),
    new metrics.KLDivergence(), new metrics.Poisson(), new metrics.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }),
    new metrics.CategoricalCrossentropy({ labelSmoothing: 0.2, axis: 1 }), new metrics.SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 0 }),
    new metrics.AUC({ numThresholds: 17, curve: 'PR', summationMethod: 'majoring', multiLabel: true, numLabels: 3, labelWeights: [1, 2, 3], fromLogits: true }),
    new metrics.AUC({ thresholds: [0.7, 0.2] }),
    new metrics.Precision({ thresholds: [0.2, 0.8], classId: 1 }), new metrics.Recall({ topK: 2 }),
    new metrics.F1Score({ average: 'weighted', threshold: 0.4 }), new metrics.FBetaScore({ beta: 2, average: 'micro' }),
  ];
}

describe('config round trips through Keras JSON', () => {
  it.each(configured().map((m) => [`${className(m)} ${m.name}`, m] as const))('%s', (_, metric) => {
    const json = JSON.parse(JSON.stringify(toKerasJson(serialize(metric))));
    expect(json.module).toBe('keras.metrics');
    expect(json.class_name).toBe(className(metric));
    const back = deserialize(fromKerasJson(json) as never) as Metric;
    expect(className(back)).toBe(className(metric));
    expect(back.getConfig()).toEqual(metric.getConfig());
    expect(back.variableNames).toEqual(metric.variableNames);
    metric.dispose();
    back.dispose();
  });

  it('AUC with explicit thresholds records them sorted, without the added 0−ε and 1+ε', () => {
    const m = new metrics.AUC({ thresholds: [0.7, 0.2] });
    expect(m.thresholds).toEqual([-1e-7, 0.2, 0.7, 1 + 1e-7]);
    expect(m.getConfig()).toMatchObject({ numThresholds: 4, thresholds: [0.2, 0.7] });
    m.dispose();
  });

  it('functions serialize as Keras does', () => {
    expect(toKerasJson(serialize(metrics.binaryAccuracy))).toEqual({ module: 'builtins', class_name: 'function', config: 'binary_accuracy', registered_name: 'function' });
    expect(deserialize({ module: 'builtins', className: 'function', config: 'mean_squared_error', registeredName: 'function' })).toBe(losses.meanSquaredError);
  });

  it('custom metrics register with one call', () => {
    class Count extends metrics.Metric {
      static override className = 'Count';
      readonly n = this.addVariable('n', []);
      updateState(yTrue: Tensor): void {
        this.n.assign(ops.add(this.n, yTrue.shape[0]!));
      }
      result(): Tensor {
        return ops.clone(this.n);
      }
    }
    registerKerasSerializable(Count, { package: 'MetricTest' });
    const s = serialize(new Count({ name: 'count' }));
    expect(s.registeredName).toBe('MetricTest>Count');
    const back = deserialize(s as never) as Metric;
    expect(back).toBeInstanceOf(Count);
    expect(back.name).toBe('count');
    back.dispose();
  });
});

describe("resolveMetric: Keras 3's rule for 'accuracy' / 'acc'", () => {
  it.each([
    { name: 'y_pred last dim 1 → binary', yTrueShape: [32, 1], yPredShape: [32, 1], cls: 'BinaryAccuracy' },
    { name: 'y_pred last dim 1, labels [32] → binary', yTrueShape: [32], yPredShape: [32, 1], cls: 'BinaryAccuracy' },
    { name: 'labels of lower rank → sparse', yTrueShape: [32], yPredShape: [32, 10], cls: 'SparseCategoricalAccuracy' },
    { name: 'labels [32, 1] vs [32, 10] → sparse', yTrueShape: [32, 1], yPredShape: [32, 10], cls: 'SparseCategoricalAccuracy' },
    { name: 'sequence labels [8, 5] vs [8, 5, 7] → sparse', yTrueShape: [8, 5], yPredShape: [8, 5, 7], cls: 'SparseCategoricalAccuracy' },
    { name: 'one-hot → categorical', yTrueShape: [32, 10], yPredShape: [32, 10], cls: 'CategoricalAccuracy' },
    { name: 'multi-label [32, 3] vs [32, 3] → categorical (Keras 3 looks at shapes only)', yTrueShape: [32, 3], yPredShape: [32, 3], cls: 'CategoricalAccuracy' },
  ])('$name', ({ yTrueShape, yPredShape, cls }) => {
    for (const id of ['accuracy', 'acc', 'Accuracy', 'ACC']) {
      const m = resolveMetric(id, { yTrueShape, yPredShape, lossIdentifier: 'binary_crossentropy' });
      expect(className(m)).toBe(cls);
      expect(m.name).toBe(id);
      m.dispose();
    }
  });

  it.each([
    { name: 'output last dim 1 → binary', ctx: { outputShape: [null, 1] }, cls: 'BinaryAccuracy' },
    { name: 'binary crossentropy loss → binary', ctx: { outputShape: [null, 3], lossIdentifier: 'binary_crossentropy' }, cls: 'BinaryAccuracy' },
    { name: 'BinaryCrossentropy instance → binary', ctx: { lossIdentifier: new losses.BinaryCrossentropy({ fromLogits: true }) }, cls: 'BinaryAccuracy' },
    { name: "'bce' → binary", ctx: { lossIdentifier: 'bce' }, cls: 'BinaryAccuracy' },
    { name: 'sparse categorical crossentropy loss → sparse', ctx: { outputShape: [null, 10], lossIdentifier: 'sparse_categorical_crossentropy' }, cls: 'SparseCategoricalAccuracy' },
    { name: 'SparseCategoricalCrossentropy class name → sparse', ctx: { lossIdentifier: 'SparseCategoricalCrossentropy' }, cls: 'SparseCategoricalAccuracy' },
    { name: 'anything else → categorical', ctx: { outputShape: [null, 10], lossIdentifier: 'categorical_crossentropy' }, cls: 'CategoricalAccuracy' },
    { name: 'nothing known → categorical', ctx: {}, cls: 'CategoricalAccuracy' },
  ])('without y_true shape (before the first batch): $name', ({ ctx, cls }) => {
    const m = resolveMetric('accuracy', ctx);
    expect(className(m)).toBe(cls);
    m.dispose();
  });

  it("'crossentropy' / 'ce' pick the crossentropy metric the same way (Keras 3 itself rejects them as metrics)", () => {
    const cases: [string, number[], number[], string][] = [
      ['crossentropy', [4, 1], [4, 1], 'BinaryCrossentropy'], ['ce', [4], [4, 3], 'SparseCategoricalCrossentropy'], ['ce', [4, 3], [4, 3], 'CategoricalCrossentropy'],
    ];
    for (const [id, yTrueShape, yPredShape, cls] of cases) {
      const m = resolveMetric(id, { yTrueShape, yPredShape });
      expect(className(m)).toBe(cls);
      expect(m.name).toBe(id);
      m.dispose();
    }
  });

  it('other identifiers: strings keep their name, functions are wrapped, metrics pass through', () => {
    const mse = resolveMetric('mse');
    expect(className(mse)).toBe('MeanSquaredError');
    expect(mse.name).toBe('mse');
    const wrapped = resolveMetric(losses.meanAbsoluteError) as metrics.MeanMetricWrapper;
    expect(wrapped).toBeInstanceOf(metrics.MeanMetricWrapper);
    expect(wrapped.name).toBe('mean_absolute_error');
    const acc = resolveMetric(metrics.sparseCategoricalAccuracy);
    expect(acc.name).toBe('sparse_categorical_accuracy');
    const auc = new metrics.AUC({ name: 'my_auc' });
    expect(resolveMetric(auc)).toBe(auc);
    expect(auc.name).toBe('my_auc');
    expect(() => resolveMetric(null as never)).toThrow(/Expected metric/);
    for (const m of [mse, wrapped, acc, auc]) m.dispose();
  });

  it('a wrapped loss function averages the loss over everything seen', () => {
    const m = resolveMetric('huber');
    const t1 = tensor([[0, 1], [2, 3]]);
    const p1 = tensor([[0.5, 3], [2, 2]]);
    const t2 = tensor([[1, 1]]);
    const p2 = tensor([[-1, 1.2]]);
    m.updateState(t1, p1);
    m.updateState(t2, p2);
    const t = ops.concat([t1, t2]);
    const p = ops.concat([p1, p2]);
    const all = losses.huber(t, p);
    const expected = ops.mean(all);
    const r = m.result();
    expectTensorsClose(r, expected, { rtol: 1e-6 });
    dispose([t1, p1, t2, p2, t, p, all, expected, r]);
    m.dispose();
  });
});
