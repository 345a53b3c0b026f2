/**
 * Accuracy functions (keras/src/metrics/accuracy_metrics.py): one value per sample, 1 where the prediction is right
 * and 0 where it is not. The `*Accuracy` metric classes average them.
 */
import { ops, tidy, type Tensor } from '@strata/core';
import { squeezeOrExpandToSameRank } from '@strata/losses';

/**
 * 1 where `y_true == y_pred` exactly, else 0.
 *
 * @example
 * accuracy(ops.tensor([1, 2, 3]), ops.tensor([1, 2, 4])); // [1, 1, 0]
 */
export function accuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    const p = yPred.dtype === 'float32' ? yPred : ops.cast(yPred, 'float32');
    const [t, q] = squeezeOrExpandToSameRank(ops.cast(yTrue, 'float32'), p);
    return ops.cast(ops.equal(t, q), 'float32');
  });
}

/** Options of {@link binaryAccuracy}. */
export interface BinaryAccuracyOptions {
  /** Predictions above it count as 1. Defaults to 0.5. */
  threshold?: number;
}

/**
 * 1 where `(y_pred > threshold) == y_true`, else 0 (elementwise).
 *
 * @example
 * binaryAccuracy(ops.tensor([[1], [0]]), ops.tensor([[0.7], [0.6]])); // [[1], [0]]
 */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor, options: BinaryAccuracyOptions = {}): Tensor {
  const threshold = options.threshold ?? 0.5;
  return tidy(() => {
    const [t, p] = squeezeOrExpandToSameRank(yTrue, yPred);
    const predicted = ops.cast(ops.greater(p, threshold), t.dtype);
    return ops.cast(ops.equal(t, predicted), 'float32');
  });
}

/**
 * 1 where the argmax of `y_pred` is the argmax of the one-hot `y_true` (over the last axis), else 0.
 *
 * @example
 * categoricalAccuracy(ops.tensor([[0, 1], [1, 0]]), ops.tensor([[0.3, 0.7], [0.2, 0.8]])); // [1, 0]
 */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    let t = ops.cast(ops.argMax(yTrue, -1), 'float32');
    const origShape = t.shape;
    let reshape = false;
    if (t.rank === yPred.rank) {
      t = ops.squeeze(t, [t.rank - 1]);
      reshape = true;
    }
    const p = ops.cast(ops.argMax(yPred, -1), 'float32');
    const matches = ops.cast(ops.equal(t, p), 'float32');
    return reshape ? ops.reshape(matches, origShape) : matches;
  });
}

/**
 * 1 where the argmax of `y_pred` equals the integer label `y_true`, else 0. Labels may carry a trailing 1.
 *
 * @example
 * sparseCategoricalAccuracy(ops.tensor([1, 0]), ops.tensor([[0.3, 0.7], [0.2, 0.8]])); // [1, 0]
 */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return tidy(() => {
    let t = ops.cast(yTrue, 'float32');
    const origShape = t.shape;
    let reshape = false;
    if (t.rank === yPred.rank && t.shape[t.rank - 1] === 1) {
      t = ops.squeeze(t, [t.rank - 1]);
      reshape = true;
    }
    const p = ops.cast(ops.argMax(yPred, -1), 'float32');
    let matches = ops.cast(ops.equal(t, p), 'float32');
    if (reshape) matches = ops.reshape(matches, origShape);
    if (matches.rank > 1 && matches.shape[matches.rank - 1] === 1) matches = ops.squeeze(matches, [matches.rank - 1]);
    return matches;
  });
}

/**
 * Whether each target's prediction is among the `k` largest of its row (ties count in the target's favour; a NaN
 * or out-of-range target never does), as Keras' `ops.in_top_k`. `targets` is int [N], `predictions` [N, C].
 */
export function inTopK(targets: Tensor, predictions: Tensor, k: number): Tensor {
  return tidy(() => {
    // A one-hot pick rather than a batched gather (tfjs-backend-wasm 4.22 gathers wrongly with batchDims).
    const hot = ops.cast(ops.oneHot(ops.cast(targets, 'int32'), predictions.shape[predictions.rank - 1]!), 'bool');
    const picked = ops.sum(ops.where(hot, predictions, ops.zerosLike(predictions)), -1, true);
    const known = ops.logicalAnd(ops.any(hot, -1, true), ops.logicalNot(ops.isNaN(picked)));
    const atLabel = ops.where(known, picked, ops.fill(picked.shape, -Infinity));
    const rank = ops.add(ops.sum(ops.cast(ops.greater(predictions, atLabel), 'int32'), -1), 1);
    return ops.lessEqual(rank, k);
  });
}

/** Options of the top-k accuracies. */
export interface TopKOptions {
  /** How many of the largest predictions count as a hit. Defaults to 5. */
  k?: number;
}

/** Options of {@link sparseTopKCategoricalAccuracy}. */
export interface SparseTopKOptions extends TopKOptions {
  /** `y_pred` holds class ids sorted by score (as `top_k` returns) instead of scores. Defaults to false. */
  fromSortedIds?: boolean;
}

function flattenClasses(yPred: Tensor): Tensor {
  return yPred.rank > 2 ? ops.reshape(yPred, [-1, yPred.shape[yPred.rank - 1]!]) : yPred;
}

/**
 * 1 where the one-hot `y_true`'s class is among the `k` highest predictions, else 0.
 *
 * @example
 * topKCategoricalAccuracy(ops.tensor([[0, 0, 1]]), ops.tensor([[0.5, 0.3, 0.2]]), { k: 2 }); // [0]
 */
export function topKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, options: TopKOptions = {}): Tensor {
  const k = options.k ?? 5;
  return tidy(() => {
    const t = ops.argMax(ops.cast(yTrue, 'float32'), -1);
    const matches = ops.cast(inTopK(ops.reshape(t, [-1]), flattenClasses(ops.cast(yPred, 'float32')), k), 'float32');
    return t.rank > 1 ? ops.reshape(matches, t.shape) : matches;
  });
}

/**
 * 1 where the integer label is among the `k` highest predictions, else 0.
 *
 * @example
 * sparseTopKCategoricalAccuracy(ops.tensor([2]), ops.tensor([[0.5, 0.3, 0.2]]), { k: 2 }); // [0]
 */
export function sparseTopKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, options: SparseTopKOptions = {}): Tensor {
  const { k = 5, fromSortedIds = false } = options;
  return tidy(() => {
    const p = flattenClasses(fromSortedIds ? yPred : ops.cast(yPred, 'float32'));
    const t = ops.reshape(yTrue, [-1]);
    let hits: Tensor;
    if (fromSortedIds) {
      const topIds = ops.slice(ops.cast(p, 'float32'), [0, 0], [-1, Math.min(k, p.shape[1]!)]);
      hits = ops.any(ops.equal(ops.expandDims(ops.cast(t, 'float32'), 1), topIds), 1);
    } else {
      hits = inTopK(t, p, k);
    }
    const matches = ops.cast(hits, 'float32');
    return yTrue.rank > 1 ? ops.reshape(matches, yTrue.shape) : matches;
  });
}
