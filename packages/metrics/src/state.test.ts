/**
 * Metric state: tfjs variables updated on the device (no synchronous reads), 1,000 updates leave the tensor count
 * unchanged, resetState zeroes, dispose frees, and apply is update-then-result.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor, dispose, numTensors, ops, tensor } from '@strata/core';
import { describeEachBackend, expectTensorsClose } from '@strata/test-utils';
import * as metrics from './index.js';
import type { Metric } from './metric.js';

/** A metric of each class with inputs that suit it. */
function catalogue(): { name: string; make: () => Metric; yTrue: () => Tensor; yPred: () => Tensor; values?: boolean }[] {
  const binary = (): Tensor => tensor([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]]);
  const probs = (): Tensor => tensor([[0.9, 0.2, 0.6], [0.4, 0.1, 0.8], [0.7, 0.3, 0.2], [0.1, 0.55, 0.45]]);
  const oneHot = (): Tensor => tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 0]]);
  const sparse = (): Tensor => tensor([0, 2, 1, 1], [4], 'int32');
  const make = (cls: new (o?: any) => Metric, opts?: object) => () => new cls(opts);
  return [
    { name: 'Mean', make: make(metrics.Mean), yTrue: probs, yPred: probs, values: true },
    { name: 'Sum', make: make(metrics.Sum), yTrue: probs, yPred: probs, values: true },
    { name: 'Accuracy', make: make(metrics.Accuracy), yTrue: binary, yPred: binary },
    { name: 'BinaryAccuracy', make: make(metrics.BinaryAccuracy, { threshold: 0.3 }), yTrue: binary, yPred: probs },
    { name: 'CategoricalAccuracy', make: make(metrics.CategoricalAccuracy), yTrue: oneHot, yPred: probs },
    { name: 'SparseCategoricalAccuracy', make: make(metrics.SparseCategoricalAccuracy), yTrue: sparse, yPred: probs },
    { name: 'TopKCategoricalAccuracy', make: make(metrics.TopKCategoricalAccuracy, { k: 2 }), yTrue: oneHot, yPred: probs },
    { name: 'SparseTopKCategoricalAccuracy', make: make(metrics.SparseTopKCategoricalAccuracy, { k: 2 }), yTrue: sparse, yPred: probs },
    { name: 'MeanSquaredError', make: make(metrics.MeanSquaredError), yTrue: binary, yPred: probs },
    { name: 'RootMeanSquaredError', make: make(metrics.RootMeanSquaredError), yTrue: binary, yPred: probs },
    { name: 'MeanAbsoluteError', make: make(metrics.MeanAbsoluteError), yTrue: binary, yPred: probs },
    { name: 'AUC', make: make(metrics.AUC), yTrue: binary, yPred: probs },
    { name: 'AUC PR multi_label', make: make(metrics.AUC, { curve: 'PR', multiLabel: true, numThresholds: 20 }), yTrue: binary, yPred: probs },
    { name: 'AUC explicit thresholds', make: make(metrics.AUC, { thresholds: [0.25, 0.5] }), yTrue: binary, yPred: probs },
    { name: 'Precision', make: make(metrics.Precision, { thresholds: [0.3, 0.6] }), yTrue: binary, yPred: probs },
    { name: 'Recall top_k class_id', make: make(metrics.Recall, { topK: 2, classId: 1 }), yTrue: binary, yPred: probs },
    { name: 'F1Score', make: make(metrics.F1Score, { average: 'macro' }), yTrue: binary, yPred: probs },
    { name: 'MeanMetricWrapper(huber)', make: () => metrics.resolveMetric('huber'), yTrue: binary, yPred: probs },
    { name: "resolveMetric('accuracy')", make: () => metrics.resolveMetric('accuracy', { yTrueShape: [4], yPredShape: [4, 3] }), yTrue: sparse, yPred: probs },
  ];
}

const CATALOGUE = catalogue();
const update = (m: Metric, t: Tensor, p: Tensor, w: Tensor | null, values: boolean | undefined): void =>
  values ? m.updateState(p, w) : m.updateState(t, p, w);

describe('no synchronous reads in updateState', () => {
  const originals = { dataSync: Tensor.prototype.dataSync, arraySync: Tensor.prototype.arraySync, bufferSync: Tensor.prototype.bufferSync };
  let reads = 0;
  beforeEach(() => {
    reads = 0;
    for (const key of Object.keys(originals) as (keyof typeof originals)[]) {
      const original = originals[key] as (...a: unknown[]) => unknown;
      (Tensor.prototype as unknown as Record<string, unknown>)[key] = function (this: Tensor, ...args: unknown[]) {
        reads++;
        return original.apply(this, args);
      };
    }
  });
  afterEach(() => {
    Object.assign(Tensor.prototype, originals);
  });

  it.each(CATALOGUE)('$name', ({ make, yTrue, yPred, values }) => {
    const m = make();
    const t = yTrue();
    const p = yPred();
    const w = tensor([1, 0.5, 2, 0]);
    update(m, t, p, w, values);
    update(m, t, p, null, values);
    const r = m.result();
    expect(reads).toBe(0);
    dispose([t, p, w, r]);
    m.dispose();
  });
});

describeEachBackend('state', () => {
  it.each(CATALOGUE)('$name: 1,000 updates leave the tensor count unchanged', ({ make, yTrue, yPred, values }) => {
    const m = make();
    const t = yTrue();
    const p = yPred();
    const w = tensor([1, 0.5, 2, 0]);
    update(m, t, p, w, values); // builds lazily created variables
    const before = numTensors();
    for (let i = 0; i < 1000; i++) update(m, t, p, i % 2 ? w : null, values);
    dispose(m.result());
    expect(numTensors()).toBe(before);
    const n = m.variables.length;
    m.dispose();
    expect(numTensors()).toBe(before - n);
    dispose([t, p, w]);
  });

  it.each(CATALOGUE)('$name: resetState zeroes the state; the same batches give the same result again', ({ make, yTrue, yPred, values }) => {
    const m = make();
    const t = yTrue();
    const p = yPred();
    update(m, t, p, null, values);
    const first = m.result();
    update(m, t, p, null, values);
    m.resetState();
    for (const v of m.variables) expectTensorsClose(v, ops.zerosLike(v), { atol: 0, rtol: 0 });
    update(m, t, p, null, values);
    const again = m.result();
    expectTensorsClose(again, first, { atol: 0, rtol: 0 });
    for (const v of m.variables) expect(v.trainable).toBe(false);
    dispose([t, p, first, again]);
    m.dispose();
  });
});

describe('accumulation', () => {
  it('Mean over two batches equals the mean over their concatenation (unweighted and weighted)', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([10, 20]);
    const wa = tensor([1, 0, 2]);
    const wb = tensor([0.5, 1]);
    const m = new metrics.Mean();
    m.updateState(a);
    m.updateState(b);
    expectTensorsClose(m.result(), 36 / 5);
    m.resetState();
    m.updateState(a, wa);
    m.updateState(b, wb);
    expectTensorsClose(m.result(), (1 + 6 + 5 + 20) / 4.5, { rtol: 1e-6 });
    m.dispose();
    dispose([a, b, wa, wb]);
  });

  it('Mean of [batch, n] values averages each sample first; a [batch, n] weight is summed per sample', () => {
    const v = tensor([[1, 3], [5, 7]]);
    const m = new metrics.Mean();
    m.updateState(v);
    expectTensorsClose(m.result(), 4);
    m.resetState();
    const w = tensor([[1, 0], [1, 1]]);
    m.updateState(v, w);
    // values·w summed per sample: [1, 12] (mean over the row: [0.5, 6]); weights per sample [1, 2] (mean: [0.5, 1]).
    expectTensorsClose(m.result(), (0.5 + 6) / (0.5 + 1), { rtol: 1e-6 });
    m.dispose();
    dispose([v, w]);
  });

  it('apply is updateState then result, as calling a Keras metric', () => {
    const m = new metrics.Sum();
    const x = tensor([1, 2]);
    const r1 = m.apply(x);
    const r2 = m.apply(x);
    expectTensorsClose(r1, 3);
    expectTensorsClose(r2, 6);
    dispose([x, r1, r2]);
    m.dispose();
  });

  it('sample weights that do not fit raise an error naming the metric and both shapes', () => {
    const m = new metrics.Mean({ name: 'loss_tracker' });
    const v = tensor([1, 2, 3]);
    const w = tensor([1, 2]);
    expect(() => m.updateState(v, w)).toThrow(/"loss_tracker".*\[2\].*\[3\]/);
    dispose([v, w]);
    m.dispose();
  });
});
