/**
 * The two ways of counting over thresholds agree: the bucketed fast path Keras takes for evenly spaced thresholds
 * and the direct comparison with every threshold (including predictions of exactly 0 and 1, sample and label
 * weights, multi-label); and AUC's sums match a float64 transcription of keras.metrics.AUC.result().
 */
import { describe, expect, it } from 'vitest';
import { dispose, ops, tensor, tidy, variable, type Tensor, type Variable } from '@strata/core';
import { describeEachBackend, expectTensorsClose } from '@strata/test-utils';
import { EPSILON } from '@strata/losses';
import { isEvenlyDistributedThresholds, updateConfusionMatrixVariables } from './confusion-matrix.js';
import { AUC } from './auc.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Predictions on a grid of 1/97 (never exactly on a threshold i/(n−1) for n ≤ 40), plus exact 0s and 1s. */
function data(rows: number, cols: number, seed: number): { yTrue: Tensor; yPred: Tensor; sw: Tensor } {
  const r = lcg(seed);
  const pred = Array.from({ length: rows * cols }, (_, i) => (i % 11 === 0 ? 0 : i % 13 === 0 ? 1 : Math.round(r() * 97) / 97 + 1 / 388));
  const labels = Array.from({ length: rows * cols }, () => (r() < 0.45 ? 1 : 0));
  const weights = Array.from({ length: rows }, () => Math.round(r() * 8) / 4);
  return { yTrue: tensor(labels, [rows, cols]), yPred: tensor(pred.map((p) => Math.min(p, 1)), [rows, cols]), sw: tensor(weights) };
}

function counts(shape: number[]): Record<'truePositives' | 'falsePositives' | 'trueNegatives' | 'falseNegatives', Variable> {
  return {
    truePositives: variable(ops.zeros(shape), false), falsePositives: variable(ops.zeros(shape), false),
    trueNegatives: variable(ops.zeros(shape), false), falseNegatives: variable(ops.zeros(shape), false),
  };
}

describeEachBackend('confusion counts', () => {
  it.each([
    { name: 'evenly spaced, no epsilon (Precision thresholds [0, 0.5, 1])', thresholds: [0, 0.5, 1], multiLabel: false },
    { name: "AUC's 20 thresholds with ±epsilon ends", thresholds: [-EPSILON, ...Array.from({ length: 18 }, (_, i) => (i + 1) / 19), 1 + EPSILON], multiLabel: false },
    { name: 'multi-label, 11 thresholds', thresholds: Array.from({ length: 11 }, (_, i) => i / 10), multiLabel: true },
  ])('bucketed == compared: $name', ({ thresholds, multiLabel }) => {
    expect(isEvenlyDistributedThresholds(thresholds)).toBe(true);
    const { yTrue, yPred, sw } = data(9, 4, thresholds.length);
    const labelWeights = multiLabel ? null : tensor([0.5, 1, 2, 1.5]);
    const shape = multiLabel ? [thresholds.length, 4] : [thresholds.length];
    const fast = counts(shape);
    const slow = counts(shape);
    tidy(() => {
      updateConfusionMatrixVariables(fast, yTrue, yPred, { thresholds, thresholdsDistributedEvenly: true, sampleWeight: sw, multiLabel, labelWeights, metric: 't' });
      updateConfusionMatrixVariables(slow, yTrue, yPred, { thresholds, thresholdsDistributedEvenly: false, sampleWeight: sw, multiLabel, labelWeights, metric: 't' });
    });
    for (const k of Object.keys(fast) as (keyof typeof fast)[]) expectTensorsClose(fast[k], slow[k], { atol: 1e-5, rtol: 1e-6 });
    dispose([yTrue, yPred, sw, ...(labelWeights ? [labelWeights] : []), ...Object.values(fast), ...Object.values(slow)]);
  });

  it('a Precision or Recall over several thresholds equals one metric per threshold', () => {
    const { yTrue, yPred, sw } = data(8, 3, 7);
    for (const Cls of [Precision, Recall]) {
      const all = new Cls({ thresholds: [0, 0.5, 1] });
      all.updateState(yTrue, yPred, sw);
      const r = all.result();
      const singles = [0, 0.5, 1].map((t) => {
        const m = new Cls({ thresholds: t });
        m.updateState(yTrue, yPred, sw);
        const v = m.result().dataSync()[0]!;
        m.dispose();
        return v;
      });
      expectTensorsClose(r, singles, { atol: 1e-6 });
      dispose(r);
      all.dispose();
    }
    dispose([yTrue, yPred, sw]);
  });
});

/** keras.metrics.AUC.result() in float64, from the count arrays (one curve). */
function aucReference(tp: number[], fp: number[], tn: number[], fn: number[], curve: string, summation: string): number {
  const n = tp.length;
  const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  if (curve === 'PR' && summation === 'interpolation') {
    let s = 0;
    for (let i = 0; i < n - 1; i++) {
      const dtp = tp[i]! - tp[i + 1]!;
      const p0 = tp[i]! + fp[i]!;
      const p1 = tp[i + 1]! + fp[i + 1]!;
      const slope = div(dtp, Math.max(p0 - p1, 0));
      const intercept = tp[i + 1]! - slope * p1;
      const ratio = p0 > 0 && p1 > 0 ? div(p0, Math.max(p1, 0)) : 1;
      s += div(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp[i + 1]! + fn[i + 1]!, 0));
    }
    return s;
  }
  const recall = tp.map((t, i) => div(t, t + fn[i]!));
  let x: number[];
  let y: number[];
  if (curve === 'ROC') {
    x = fp.map((f, i) => div(f, f + tn[i]!));
    y = recall;
  } else if (curve === 'PR') {
    x = recall;
    y = tp.map((t, i) => div(t, t + fp[i]!));
  } else {
    const scale = tp.map((t, i) => div(t + fn[i]!, tn[i]! + fp[i]!));
    x = tp.map((t, i) => (t === 0 ? 0 : Math.max(1 - scale[i]! * div(fn[i]!, t), 0)));
    y = tp.map((t, i) => (t === 0 ? 1 : 1 - scale[i]! * div(fp[i]!, t)));
  }
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const h = summation === 'interpolation' ? (y[i]! + y[i + 1]!) / 2 : summation === 'minoring' ? Math.min(y[i]!, y[i + 1]!) : Math.max(y[i]!, y[i + 1]!);
    s += (x[i]! - x[i + 1]!) * h;
  }
  return s;
}

describe('AUC sums vs a float64 transcription of Keras', () => {
  it.each([
    ['ROC', 'interpolation'], ['ROC', 'minoring'], ['ROC', 'majoring'], ['PR', 'interpolation'], ['PR', 'majoring'],
    ['PRGAIN', 'interpolation'], ['PRGAIN', 'minoring'],
  ])('%s %s', (curve, summation) => {
    const { yTrue, yPred, sw } = data(10, 3, 3);
    const auc = new AUC({ numThresholds: 25, curve: curve as 'ROC', summationMethod: summation as 'minoring' });
    auc.updateState(yTrue, yPred, sw);
    const [tp, fp, tn, fn] = auc.variables.map((v) => Array.from(v.dataSync()));
    const r = auc.result();
    expectTensorsClose(r, aucReference(tp!, fp!, tn!, fn!, curve, summation), { atol: 2e-6, rtol: 1e-5 });
    dispose([yTrue, yPred, sw, r]);
    auc.dispose();
  });

  it('label weights: weight the values of one curve, or average per-label curves with multi_label', () => {
    const { yTrue, yPred } = data(10, 3, 5);
    const lw = [0.5, 2, 1];
    const multi = new AUC({ multiLabel: true, labelWeights: lw, numThresholds: 30 });
    multi.updateState(yTrue, yPred);
    const perLabel = [0, 1, 2].map((j) => {
      const m = new AUC({ numThresholds: 30 });
      const t = ops.slice(yTrue, [0, j], [-1, 1]);
      const p = ops.slice(yPred, [0, j], [-1, 1]);
      m.updateState(t, p);
      const v = m.result().dataSync()[0]!;
      dispose([t, p]);
      m.dispose();
      return v;
    });
    const r = multi.result();
    expectTensorsClose(r, perLabel.reduce((s, v, j) => s + v * lw[j]!, 0) / 3.5, { atol: 1e-6 });
    // One curve with label weights = one curve with those weights as per-value sample weights.
    const single = new AUC({ labelWeights: lw, numThresholds: 30 });
    single.updateState(yTrue, yPred);
    const byWeights = new AUC({ numThresholds: 30 });
    const w = tensor([lw, lw, lw, lw, lw, lw, lw, lw, lw, lw]);
    byWeights.updateState(ops.reshape(yTrue, [-1]), ops.reshape(yPred, [-1]), ops.reshape(w, [-1]));
    const a = single.result();
    const b = byWeights.result();
    expectTensorsClose(a, b, { atol: 1e-6 });
    dispose([yTrue, yPred, r, w, a, b]);
    for (const m of [multi, single, byWeights]) m.dispose();
  });
});
