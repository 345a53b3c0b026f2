/**
 * Gradients of every loss with respect to y_pred (through the engine's registered gradients) against central
 * differences, on data kept away from kinks (clipping bounds, hinge corners, Huber's delta, |x| at 0).
 */
import { describe, it } from 'vitest';
import { dispose, ops, tensor, type Tensor } from '@strata/core';
import { checkGradients, describeEachBackend } from '@strata/test-utils';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy } from './functions/crossentropy.js';
import { binaryFocalCrossentropy, categoricalFocalCrossentropy } from './functions/focal.js';
import { categoricalHinge, hinge, squaredHinge } from './functions/hinge.js';
import { klDivergence, poisson } from './functions/probabilistic.js';
import {
  cosineSimilarity, huber, logCosh, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, meanSquaredLogarithmicError,
} from './functions/regression.js';
import { Huber } from './huber.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

/** Deterministic values in [lo, hi) (a small LCG), so every run checks the same points. */
function values(n: number, lo: number, hi: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s / 2 ** 32) * (hi - lo));
  });
}
const B = 3;
const C = 4;
const t2 = (v: number[]): Tensor => tensor(v, [B, C]);
const oneHot = (labels: number[]): Tensor => tensor(labels.flatMap((l) => Array.from({ length: C }, (_, j) => (j === l ? 1 : 0))), [B, C]);
const softmaxRows = (v: number[]): Tensor => ops.softmax(t2(v));

interface Case {
  name: string;
  yTrue: () => Tensor;
  yPred: () => Tensor;
  f: (yTrue: Tensor, yPred: Tensor) => Tensor;
  atol?: number;
}

const labels = [2, 0, 3];
// Regression pairs differ by at least 0.3 everywhere (mae and mape are smooth there).
const base = values(B * C, -2, 2, 1);
const offsets = values(B * C, 0.3, 1.2, 2).map((o, i) => (i % 2 ? o : -o));
const shifted = base.map((b, i) => b + offsets[i]!);
const positive = values(B * C, 0.5, 2, 3);
const positive2 = values(B * C, 0.5, 2, 4);
// Hinge margins 1 - y·p stay away from 0: |p| in [0.2, 0.8] or [1.3, 2].
const pm1 = values(B * C, 0, 1, 5).map((u) => (u < 0.5 ? -1 : 1));
const hingePred = values(B * C, 0, 1, 6).map((u, i) => (i % 3 === 0 ? 1.3 + 0.7 * u : 0.2 + 0.6 * u) * (u < 0.5 ? -1 : 1));
const probs = values(B * C, 0.1, 0.9, 7);
const binary = values(B * C, 0, 1, 8).map((u) => (u < 0.5 ? 0 : 1));
const logits = values(B * C, -3, 3, 9);

const CASES: Case[] = [
  { name: 'mean_squared_error', yTrue: () => t2(base), yPred: () => t2(shifted), f: meanSquaredError },
  { name: 'mean_absolute_error', yTrue: () => t2(base), yPred: () => t2(shifted), f: meanAbsoluteError },
  { name: 'mean_absolute_percentage_error', yTrue: () => t2(positive), yPred: () => t2(positive.map((p, i) => p + offsets[i]! * 0.3)), f: meanAbsolutePercentageError, atol: 2e-2 },
  { name: 'mean_squared_logarithmic_error', yTrue: () => t2(positive), yPred: () => t2(positive2), f: meanSquaredLogarithmicError },
  { name: 'hinge', yTrue: () => t2(pm1), yPred: () => t2(hingePred), f: hinge },
  { name: 'squared_hinge', yTrue: () => t2(pm1), yPred: () => t2(hingePred), f: squaredHinge },
  { name: 'categorical_hinge', yTrue: () => oneHot(labels), yPred: () => t2(values(B * C, -1, 1, 10)), f: categoricalHinge },
  { name: 'log_cosh', yTrue: () => t2(base), yPred: () => t2(shifted), f: logCosh },
  { name: 'huber (both branches)', yTrue: () => t2(base), yPred: () => t2(shifted), f: (t, p) => huber(t, p, { delta: 0.75 }) },
  { name: 'cosine_similarity', yTrue: () => t2(base), yPred: () => t2(shifted), f: cosineSimilarity },
  { name: 'cosine_similarity axis 0', yTrue: () => t2(base), yPred: () => t2(shifted), f: (t, p) => cosineSimilarity(t, p, { axis: 0 }) },
  { name: 'kl_divergence', yTrue: () => softmaxRows(values(B * C, -1, 1, 11)), yPred: () => softmaxRows(values(B * C, -1, 1, 12)), f: klDivergence },
  { name: 'poisson', yTrue: () => t2(values(B * C, 0, 4, 13).map(Math.round)), yPred: () => t2(positive), f: poisson },
  { name: 'binary_crossentropy', yTrue: () => t2(binary), yPred: () => t2(probs), f: binaryCrossentropy },
  { name: 'binary_crossentropy from_logits, label_smoothing', yTrue: () => t2(binary), yPred: () => t2(logits), f: (t, p) => binaryCrossentropy(t, p, { fromLogits: true, labelSmoothing: 0.2 }) },
  { name: 'categorical_crossentropy', yTrue: () => oneHot(labels), yPred: () => softmaxRows(values(B * C, -1, 1, 14)), f: categoricalCrossentropy },
  { name: 'categorical_crossentropy from_logits, label_smoothing', yTrue: () => oneHot(labels), yPred: () => t2(logits), f: (t, p) => categoricalCrossentropy(t, p, { fromLogits: true, labelSmoothing: 0.1 }) },
  { name: 'categorical_crossentropy axis 0', yTrue: () => oneHot(labels), yPred: () => t2(probs), f: (t, p) => categoricalCrossentropy(t, p, { axis: 0 }) },
  { name: 'sparse_categorical_crossentropy', yTrue: () => tensor(labels, [B], 'int32'), yPred: () => softmaxRows(values(B * C, -1, 1, 15)), f: sparseCategoricalCrossentropy },
  { name: 'sparse_categorical_crossentropy from_logits', yTrue: () => tensor(labels, [B], 'int32'), yPred: () => t2(logits), f: (t, p) => sparseCategoricalCrossentropy(t, p, { fromLogits: true }) },
  { name: 'binary_focal_crossentropy', yTrue: () => t2(binary), yPred: () => t2(probs), f: binaryFocalCrossentropy },
  { name: 'binary_focal_crossentropy logits, balancing', yTrue: () => t2(binary), yPred: () => t2(logits), f: (t, p) => binaryFocalCrossentropy(t, p, { fromLogits: true, applyClassBalancing: true, gamma: 3 }) },
  { name: 'categorical_focal_crossentropy', yTrue: () => oneHot(labels), yPred: () => softmaxRows(values(B * C, -1, 1, 16)), f: categoricalFocalCrossentropy },
  { name: 'categorical_focal_crossentropy logits', yTrue: () => oneHot(labels), yPred: () => t2(logits), f: (t, p) => categoricalFocalCrossentropy(t, p, { fromLogits: true, gamma: 1 }) },
  // Classes: reduction and weights are in the graph too.
  { name: 'BinaryCrossentropy weighted sum', yTrue: () => t2(binary), yPred: () => t2(probs), f: (t, p) => new BinaryCrossentropy({ reduction: 'sum' }).apply(t, p, tensor([0.5, 1, 2])) },
  { name: 'CategoricalCrossentropy logits weighted', yTrue: () => oneHot(labels), yPred: () => t2(logits), f: (t, p) => new CategoricalCrossentropy({ fromLogits: true }).apply(t, p, tensor([[0.5], [1], [2]])) },
  { name: 'SparseCategoricalCrossentropy ignore_class', yTrue: () => tensor([2, 0, 1], [B], 'int32'), yPred: () => t2(logits), f: (t, p) => new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 0 }).apply(t, p) },
  { name: 'Huber mean_with_sample_weight', yTrue: () => t2(base), yPred: () => t2(shifted), f: (t, p) => new Huber({ delta: 0.75, reduction: 'mean_with_sample_weight' }).apply(t, p, tensor([1, 0.25, 3])) },
];

describe('gradient checks cover every loss function', () => {
  it('has a case per registered function', async () => {
    const { functionRegistry } = await import('./function-registry.js');
    const covered = new Set(CASES.map((c) => c.name.split(' ')[0]));
    for (const name of functionRegistry.names()) if (!covered.has(name)) throw new Error(`no gradient check for ${name}`);
  });
});

describeEachBackend('loss gradients w.r.t. y_pred', () => {
  it.each(CASES)('$name', ({ yTrue, yPred, f, atol }) => {
    const t = yTrue();
    const p = yPred();
    checkGradients((x) => f(t, x), [p], atol ? { atol } : {});
    dispose([t, p]);
  });
});
