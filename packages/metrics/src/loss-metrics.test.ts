/**
 * The metrics that average a loss (MeanMetricWrapper subclasses) against the loss functions, which the Keras loss
 * fixtures check: over two weighted batches each must equal the weighted mean of the loss's per-sample values on
 * the concatenated data. (Keras' metric fixtures do not cover these classes.)
 */
import { describe, expect, it } from 'vitest';
import { dispose, ops, tensor, type Tensor } from '@strata/core';
import { describeEachBackend, expectTensorsClose } from '@strata/test-utils';
import * as losses from '@strata/losses';
import * as metrics from './index.js';
import type { Metric } from './metric.js';

const probs = [[0.2, 0.5, 0.3], [0.6, 0.1, 0.3], [0.25, 0.25, 0.5], [0.1, 0.8, 0.1]];
const oneHot = [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1]];
const regression = [[0.5, -1, 2], [1, 0, -0.5], [2, 2, 1], [-1, 0.5, 0.3]];
const positive = [[1, 2, 0.5], [0.7, 1.5, 2], [3, 1, 1], [0.2, 0.9, 1.1]];

const CASES: { name: string; metric: () => Metric; fn: (t: Tensor, p: Tensor) => Tensor; yTrue: number[][]; yPred: number[][]; sign?: number }[] = [
  { name: 'MeanAbsolutePercentageError', metric: () => new metrics.MeanAbsolutePercentageError(), fn: losses.meanAbsolutePercentageError, yTrue: positive, yPred: regression },
  { name: 'MeanSquaredLogarithmicError', metric: () => new metrics.MeanSquaredLogarithmicError(), fn: losses.meanSquaredLogarithmicError, yTrue: positive, yPred: probs },
  { name: 'LogCoshError', metric: () => new metrics.LogCoshError(), fn: losses.logCosh, yTrue: regression, yPred: positive },
  { name: 'CosineSimilarity (+cos, the loss is −cos)', metric: () => new metrics.CosineSimilarity(), fn: losses.cosineSimilarity, yTrue: regression, yPred: positive, sign: -1 },
  { name: 'Hinge', metric: () => new metrics.Hinge(), fn: losses.hinge, yTrue: oneHot, yPred: regression },
  { name: 'SquaredHinge', metric: () => new metrics.SquaredHinge(), fn: losses.squaredHinge, yTrue: oneHot, yPred: regression },
  { name: 'CategoricalHinge', metric: () => new metrics.CategoricalHinge(), fn: losses.categoricalHinge, yTrue: oneHot, yPred: regression },
  { name: 'KLDivergence', metric: () => new metrics.KLDivergence(), fn: losses.klDivergence, yTrue: probs.slice().reverse(), yPred: probs },
  { name: 'Poisson', metric: () => new metrics.Poisson(), fn: losses.poisson, yTrue: oneHot, yPred: positive },
  { name: 'BinaryCrossentropy', metric: () => new metrics.BinaryCrossentropy({ labelSmoothing: 0.1 }), fn: (t, p) => losses.binaryCrossentropy(t, p, { labelSmoothing: 0.1 }), yTrue: oneHot, yPred: probs },
  { name: 'CategoricalCrossentropy', metric: () => new metrics.CategoricalCrossentropy({ fromLogits: true }), fn: (t, p) => losses.categoricalCrossentropy(t, p, { fromLogits: true }), yTrue: oneHot, yPred: regression },
  { name: 'MeanMetricWrapper(huber, delta 0.5)', metric: () => new metrics.MeanMetricWrapper({ fn: losses.huber, delta: 0.5 }), fn: (t, p) => losses.huber(t, p, { delta: 0.5 }), yTrue: regression, yPred: positive },
];

describeEachBackend('loss-based metrics', () => {
  it.each(CASES)('$name', ({ metric, fn, yTrue, yPred, sign = 1 }) => {
    const m = metric();
    const t = tensor(yTrue);
    const p = tensor(yPred);
    const w = [1, 0.5, 0, 2];
    const halves = (x: Tensor): [Tensor, Tensor] => [ops.slice(x, [0, 0], [2, -1]), ops.slice(x, [2, 0], [2, -1])];
    const [t1, t2] = halves(t);
    const [p1, p2] = halves(p);
    const w1 = tensor(w.slice(0, 2));
    const w2 = tensor(w.slice(2));
    m.updateState(t1, p1, w1);
    m.updateState(t2, p2, w2);
    const perSample = fn(t, p);
    const values = Array.from(perSample.dataSync());
    const expected = (sign * values.reduce((s, v, i) => s + v * w[i]!, 0)) / w.reduce((a, b) => a + b, 0);
    const r = m.result();
    expectTensorsClose(r, expected, { rtol: 1e-5, atol: 1e-6 });
    dispose([t, p, t1, t2, p1, p2, w1, w2, r, perSample]);
    m.dispose();
  });
});

describe('SparseCategoricalCrossentropy metric with ignore_class (Keras: the mask applies only with sample weights)', () => {
  it('without weights the ignored positions count as 0; with weights they are left out', () => {
    const labels = tensor([0, 2, 1], [3], 'int32');
    const logits = tensor([[2, 1, 0], [0, 3, 1], [1, 1, 1]]);
    const perSample = losses.sparseCategoricalCrossentropy(labels, logits, { fromLogits: true });
    const v = perSample.dataSync();
    const a = new metrics.SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 2 });
    a.updateState(labels, logits);
    const ra = a.result();
    expectTensorsClose(ra, (v[0]! + v[2]!) / 3, { rtol: 1e-5 });
    const b = new metrics.SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 2 });
    const ones = ops.ones([3]);
    b.updateState(labels, logits, ones);
    const rb = b.result();
    expectTensorsClose(rb, (v[0]! + v[2]!) / 2, { rtol: 1e-5 });
    expect(a.direction).toBe('down');
    dispose([labels, logits, ones, ra, rb, perSample]);
    a.dispose();
    b.dispose();
  });
});
