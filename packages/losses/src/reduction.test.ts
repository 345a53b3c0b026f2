/**
 * Keras' weighting and reduction rules (keras/src/losses/loss.py), checked against float64 formulas written here
 * from its definitions: squeeze_or_expand_to_same_rank, every reduction, sample weights of each accepted shape,
 * masks, and the errors for weights that do not fit.
 */
import { describe, expect, it } from 'vitest';
import { ValueError, dispose, numTensors, ops, tensor, type Tensor } from '@strata/core';
import { expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { MeanSquaredError } from './mean-squared-error.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { applyMask, reduceWeightedValues, squeezeOrExpandToSameRank, standardizeReduction, type Reduction } from './reduction.js';

const shapes = (a: Tensor, b: Tensor): [number[], number[]] => [a.shape, b.shape];

describe('squeezeOrExpandToSameRank', () => {
  it.each([
    { name: 'equal ranks untouched', a: [4, 3], b: [4, 3], out: [[4, 3], [4, 3]] },
    { name: 'x1 [4,1] vs x2 [4]: expand x2', a: [4, 1], b: [4], out: [[4, 1], [4, 1]] },
    { name: 'x1 [4] vs x2 [4,1]: expand x1', a: [4], b: [4, 1], out: [[4, 1], [4, 1]] },
    { name: 'x1 [2,3,1] vs x2 [2,3]: squeeze x1', a: [2, 3, 1], b: [2, 3], out: [[2, 3], [2, 3]] },
    { name: 'x1 [2,3] vs x2 [2,3,1]: squeeze x2', a: [2, 3], b: [2, 3, 1], out: [[2, 3], [2, 3]] },
    { name: 'last dim not 1: untouched', a: [4, 3], b: [4], out: [[4, 3], [4]] },
    { name: 'ranks differ by 2: untouched', a: [4, 1, 1], b: [4], out: [[4, 1, 1], [4]] },
  ])('$name', ({ a, b, out }) => {
    const x1 = ops.zeros(a);
    const x2 = ops.zeros(b);
    const [y1, y2] = squeezeOrExpandToSameRank(x1, x2);
    expect(shapes(y1, y2)).toEqual(out);
    dispose([x1, x2, y1, y2]);
  });

  it('with expandRank1 false squeezes the rank-2 side instead', () => {
    const x1 = ops.zeros([4]);
    const x2 = ops.zeros([4, 1]);
    const [y1, y2] = squeezeOrExpandToSameRank(x1, x2, false);
    expect(shapes(y1, y2)).toEqual([[4], [4]]);
    dispose([x1, x2, y1, y2]);
  });
});

// Per-sample values v and weights w; expected reductions in float64.
const V = [0.5, 2, 3.5, 1];
const W = [1, 0, 2, 0.5];
const weighted = V.map((v, i) => v * W[i]!);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('reduceWeightedValues', () => {
  it.each<{ reduction: Reduction; weights: boolean; expected: number | number[] }>([
    { reduction: 'sum_over_batch_size', weights: false, expected: sum(V) / 4 },
    { reduction: 'sum_over_batch_size', weights: true, expected: sum(weighted) / 4 },
    { reduction: 'mean', weights: true, expected: sum(weighted) / 4 },
    { reduction: 'sum', weights: false, expected: sum(V) },
    { reduction: 'sum', weights: true, expected: sum(weighted) },
    { reduction: 'mean_with_sample_weight', weights: true, expected: sum(weighted) / sum(W) },
    { reduction: 'mean_with_sample_weight', weights: false, expected: sum(V) / 4 },
    { reduction: 'none', weights: true, expected: weighted },
    { reduction: null, weights: false, expected: V },
  ])('$reduction (weights: $weights)', ({ reduction, weights, expected }) => {
    const v = tensor(V);
    const w = weights ? tensor(W) : null;
    const out = reduceWeightedValues(v, { sampleWeight: w, reduction });
    expectTensorsClose(out, expected);
    dispose([v, out, ...(w ? [w] : [])]);
  });

  it('mean_with_sample_weight with all-zero weights gives 0, not NaN (divide_no_nan)', () => {
    const v = tensor(V);
    const w = ops.zeros([4]);
    const out = reduceWeightedValues(v, { sampleWeight: w, reduction: 'mean_with_sample_weight' });
    expectTensorsClose(out, 0);
    dispose([v, w, out]);
  });

  it('leaves rank-0 values and shape-[0] values unreduced', () => {
    const s = ops.scalar(3);
    const e = ops.zeros([0]);
    const a = reduceWeightedValues(s, { reduction: 'sum' });
    const b = reduceWeightedValues(e, { reduction: 'sum_over_batch_size' });
    expect(a.shape).toEqual([]);
    expect(b.shape).toEqual([0]);
    dispose([s, e, a, b]);
  });

  it('a mask counts only kept entries: sum_over_batch_size divides by their number', () => {
    const v = tensor(V);
    const mask = tensor([true, false, true, true]);
    const out = reduceWeightedValues(v, { mask, reduction: 'sum_over_batch_size' });
    expectTensorsClose(out, (V[0]! + V[2]! + V[3]!) / 3);
    const summed = reduceWeightedValues(v, { mask, reduction: 'sum' });
    expectTensorsClose(summed, V[0]! + V[2]! + V[3]!);
    dispose([v, mask, out, summed]);
  });

  it('a mask and sample weights multiply', () => {
    const v = tensor(V);
    const w = tensor(W);
    const mask = tensor([true, true, false, true]);
    const m = applyMask(w, mask, 'sum')!;
    expectTensorsClose(m, [1, 0, 0, 0.5]);
    const out = reduceWeightedValues(v, { sampleWeight: w, mask, reduction: 'sum_over_batch_size' });
    // Kept weights are scaled by total/valid = 4/3, and the sum is divided by 4.
    expectTensorsClose(out, ((V[0]! * 1 + V[3]! * 0.5) * (4 / 3)) / 4);
    dispose([v, w, mask, m, out]);
  });
});

describe('sample weight shapes on a loss (Keras broadcasting and squeezing)', () => {
  const yTrue = (): Tensor => tensor([[0, 1, 1], [1, 0, 1]]);
  const yPred = (): Tensor => tensor([[0.2, 0.6, 0.9], [0.3, 0.4, 0.8]]);

  it('[batch], [batch, 1] and a scalar weight give the same as explicit per-sample weights', () => {
    const t = yTrue();
    const p = yPred();
    const loss = new BinaryCrossentropy({ reduction: 'none' });
    const perSample = loss.apply(t, p);
    const base = perSample.dataSync();
    const mean = new BinaryCrossentropy();
    const w1 = tensor([0.5, 2]);
    const w2 = tensor([[0.5], [2]]);
    const a = mean.apply(t, p, w1);
    const b = mean.apply(t, p, w2);
    expectTensorsClose(a, (base[0]! * 0.5 + base[1]! * 2) / 2);
    expectTensorsClose(b, (base[0]! * 0.5 + base[1]! * 2) / 2);
    const c = mean.apply(t, p, 3);
    expectTensorsClose(c, (3 * (base[0]! + base[1]!)) / 2, { rtol: 1e-5 });
    dispose([t, p, perSample, w1, w2, a, b, c]);
  });

  it('per-element weights for a rank-3 loss ([2, 3] values, [2, 3, 1] weights) are squeezed', () => {
    const t = ops.ones([2, 3, 4]);
    const p = ops.fill([2, 3, 4], 0.7);
    const loss = new BinaryCrossentropy({ reduction: 'sum' });
    const w = ops.ones([2, 3, 1]);
    const out = loss.apply(t, p, w);
    expectTensorsClose(out, -6 * Math.log(0.7), { rtol: 1e-5 });
    dispose([t, p, w, out]);
  });

  it('weights that do not broadcast raise an error naming the loss and both shapes', () => {
    const t = ops.ones([2, 3, 4]);
    const p = ops.fill([2, 3, 4], 0.7);
    const w = ops.ones([2]);
    const before = numTensors();
    expect(() => new BinaryCrossentropy().apply(t, p, w)).toThrow(ValueError);
    expect(() => new BinaryCrossentropy().apply(t, p, w)).toThrow(/"binary_crossentropy".*\[2\].*\[2, 3\]/);
    expect(numTensors()).toBe(before);
    dispose([t, p, w]);
  });
});

describe('standardizeReduction', () => {
  it('defaults to sum_over_batch_size and maps Keras 2 "auto" to it', () => {
    expect(standardizeReduction(undefined)).toBe('sum_over_batch_size');
    expect(standardizeReduction('auto')).toBe('sum_over_batch_size');
  });
  it('rejects unknown reductions, listing the accepted ones', () => {
    expect(() => new MeanSquaredError({ reduction: 'average' as Reduction })).toThrow(/Expected one of "sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", null\. Received: reduction="average"/);
  });
});

describe('no leaks', () => {
  it('applying a loss with weights and a mask leaves no tensors behind', async () => {
    const t = tensor([[0, 1], [1, 0]]);
    const p = tensor([[0.3, 0.6], [0.8, 0.1]]);
    const w = tensor([1, 2]);
    const mask = tensor([true, false]);
    await expectNoLeaks(() => {
      for (let i = 0; i < 50; i++) dispose(new BinaryCrossentropy().apply(t, p, w, mask));
    });
    dispose([t, p, w, mask]);
  });
});
