/**
 * The accuracy functions' per-sample values, on cases written from Keras 3's definitions
 * (keras/src/metrics/accuracy_metrics.py, backend `in_top_k`): shapes, thresholds, ties, NaN, k ≥ classes.
 */
import { describe, expect, it } from 'vitest';
import { dispose, tensor, type Tensor } from '@strata/core';
import { describeEachBackend, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import {
  accuracy, binaryAccuracy, categoricalAccuracy, inTopK, sparseCategoricalAccuracy, sparseTopKCategoricalAccuracy, topKCategoricalAccuracy,
} from './accuracy.js';

function check(out: Tensor, expected: number[] | number[][], shape?: number[]): void {
  if (shape) expect(out.shape).toEqual(shape);
  expectTensorsClose(out, expected as number[], { atol: 0, rtol: 0 });
  dispose(out);
}

describeEachBackend('accuracy functions', () => {
  it('accuracy: exact equality, trailing 1 squeezed', () => {
    check(accuracy(tensor([[1], [2], [3]]), tensor([1, 2, 4])), [[1], [1], [0]], [3, 1]);
    check(accuracy(tensor([1, 2, 3], [3], 'int32'), tensor([1, 2, 3.5])), [1, 1, 0]);
  });

  it('binaryAccuracy: strictly above the threshold counts as 1', () => {
    const t = tensor([[1], [0], [1], [0]]);
    const p = tensor([[0.7], [0.5], [0.5], [0.2]]);
    check(binaryAccuracy(t, p), [[1], [1], [0], [1]]);
    check(binaryAccuracy(t, p, { threshold: 0.1 }), [[1], [0], [1], [0]]);
    check(binaryAccuracy(tensor([1, 0]), tensor([[0.9], [0.9]])), [[1], [0]], [2, 1]);
  });

  it('categoricalAccuracy: argmax against argmax (first index on ties), rank 3 too', () => {
    check(categoricalAccuracy(tensor([[0, 1, 0], [1, 0, 0]]), tensor([[0.2, 0.5, 0.3], [0.4, 0.4, 0.2]])), [1, 1]);
    const t = tensor([[[0, 1], [1, 0]], [[1, 0], [1, 0]]]);
    const p = tensor([[[0.3, 0.7], [0.2, 0.8]], [[0.6, 0.4], [0.9, 0.1]]]);
    check(categoricalAccuracy(t, p), [[1, 0], [1, 1]], [2, 2]);
    dispose([t, p]);
  });

  it('sparseCategoricalAccuracy: int or float labels, [batch] or [batch, 1], one value per sample', () => {
    const p = tensor([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]);
    check(sparseCategoricalAccuracy(tensor([1, 2], [2], 'int32'), p), [1, 0], [2]);
    check(sparseCategoricalAccuracy(tensor([[1], [0]]), p), [1, 1], [2]);
    dispose(p);
  });

  it('inTopK: ties count for the target, NaN never does, out-of-range targets never do', () => {
    const p = tensor([[0.5, 0.5, 0.1], [0.2, 0.3, NaN], [0.1, 0.2, 0.3]]);
    check(inTopK(tensor([1, 2, 0], [3], 'int32'), p, 1) as Tensor, [1, 0, 0] as never);
    check(inTopK(tensor([0, 0, 7], [3], 'int32'), p, 1) as Tensor, [1, 0, 0] as never);
    check(inTopK(tensor([2, 0, 0], [3], 'int32'), p, 3) as Tensor, [1, 1, 1] as never);
    dispose(p);
  });

  it('topKCategoricalAccuracy and sparseTopKCategoricalAccuracy agree on the same labels', () => {
    const p = tensor([[0.1, 0.5, 0.4], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]]);
    const oneHot = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const sparse = tensor([0, 1, 2], [3], 'int32');
    check(topKCategoricalAccuracy(oneHot, p, { k: 1 }), [0, 0, 1]);
    check(topKCategoricalAccuracy(oneHot, p, { k: 2 }), [0, 1, 1]);
    check(sparseTopKCategoricalAccuracy(sparse, p, { k: 2 }), [0, 1, 1]);
    check(sparseTopKCategoricalAccuracy(sparse, p), [1, 1, 1]);
    check(sparseTopKCategoricalAccuracy(tensor([[0], [1], [2]]), p, { k: 2 }), [[0], [1], [1]], [3, 1]);
    // from_sorted_ids: y_pred holds class ids, best first.
    const ids = tensor([[1, 2, 0], [0, 1, 2], [2, 0, 1]]);
    check(sparseTopKCategoricalAccuracy(sparse, ids, { k: 2, fromSortedIds: true }), [0, 1, 1]);
    dispose([p, oneHot, sparse, ids]);
  });

  it('rank-3 predictions: top-k runs per position and keeps the label shape', () => {
    const p = tensor([[[0.1, 0.9], [0.8, 0.2]]]);
    check(sparseTopKCategoricalAccuracy(tensor([[1, 1]], [1, 2], 'int32'), p, { k: 1 }), [[1, 0]], [1, 2]);
    check(topKCategoricalAccuracy(tensor([[[0, 1], [0, 1]]]), p, { k: 1 }), [[1, 0]], [1, 2]);
    dispose(p);
  });
});

describe('no leaks', () => {
  it('each function leaves only its result', async () => {
    const p = tensor([[0.1, 0.5, 0.4], [0.6, 0.3, 0.1]]);
    const oneHot = tensor([[1, 0, 0], [0, 1, 0]]);
    const sparse = tensor([0, 1], [2], 'int32');
    await expectNoLeaks(() => {
      dispose([
        accuracy(oneHot, p), binaryAccuracy(oneHot, p), categoricalAccuracy(oneHot, p), sparseCategoricalAccuracy(sparse, p),
        topKCategoricalAccuracy(oneHot, p, { k: 2 }), sparseTopKCategoricalAccuracy(sparse, p, { k: 2 }),
      ]);
    });
    dispose([p, oneHot, sparse]);
  });
});
