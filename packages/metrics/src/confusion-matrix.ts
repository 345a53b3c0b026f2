/**
 * Accumulating true/false positives/negatives over thresholds (keras/src/metrics/metrics_utils.py
 * `update_confusion_matrix_variables`), shared by Precision, Recall and AUC. Everything runs on the device.
 */
import { ValueError, ops, type Tensor, type Variable } from '@strata/core';
import { EPSILON, squeezeOrExpandToSameRank } from '@strata/losses';

/** Keras' stand-in for −∞ in `top_k` filtering (`metrics_utils.NEG_INF`). */
export const NEG_INF = -1e10;

/** The confusion-matrix variables to update (any subset). */
export interface ConfusionVariables {
  truePositives?: Variable;
  falsePositives?: Variable;
  trueNegatives?: Variable;
  falseNegatives?: Variable;
}

/** Thresholds as a list, checked to lie in [0, 1]; `default` when none are given (Keras' `parse_init_thresholds`). */
export function parseInitThresholds(thresholds: number | number[] | null | undefined, defaultThreshold: number): number[] {
  if (thresholds != null) {
    const list = Array.isArray(thresholds) ? thresholds : [thresholds];
    const invalid = list.filter((t) => t == null || t < 0 || t > 1);
    if (invalid.length) throw new ValueError(`Threshold values must be in [0, 1]. Received: [${invalid.join(', ')}]`);
    return [...list];
  }
  return [defaultThreshold];
}

/** Whether thresholds are `i / (n - 1)` for i = 0…n−1 (n ≥ 3), within numpy's `allclose` (atol = epsilon). */
export function isEvenlyDistributedThresholds(thresholds: readonly number[]): boolean {
  const n = thresholds.length;
  if (n < 3) return false;
  return thresholds.every((t, i) => {
    const even = Math.fround(i / (n - 1));
    return Math.abs(t - even) <= EPSILON + 1e-5 * Math.abs(even);
  });
}

/** Keeps each row's `k` largest values and sets the rest to {@link NEG_INF}. */
export function filterTopK(x: Tensor, k: number): Tensor {
  const { indices } = ops.topk(x, k);
  const depth = x.shape[x.rank - 1]!;
  const mask = ops.sum(ops.cast(ops.oneHot(indices, depth), 'float32'), -2);
  return ops.add(ops.mul(x, mask), ops.mul(ops.sub(1, mask), NEG_INF));
}

/** Options of {@link updateConfusionMatrixVariables}. */
export interface ConfusionOptions {
  thresholds: readonly number[];
  thresholdsDistributedEvenly?: boolean;
  topK?: number | null;
  classId?: number | null;
  sampleWeight?: Tensor | null;
  multiLabel?: boolean;
  labelWeights?: Tensor | null;
  /** Named in errors. */
  metric: string;
}

/**
 * Adds this batch's weighted counts to the variables: a prediction is positive at threshold `t` when it is
 * `> t`. Shapes: one value per threshold, or `[thresholds, labels]` with `multiLabel`. Call it inside a `tidy`.
 */
export function updateConfusionMatrixVariables(vars: ConfusionVariables, yTrue: Tensor, yPred: Tensor, options: ConfusionOptions): void {
  const { thresholds, topK = null, classId = null, multiLabel = false, labelWeights = null } = options;
  if (multiLabel && labelWeights) throw new ValueError('`label_weights` for multilabel data should be handled outside of `update_confusion_matrix_variables`.');
  let t = ops.cast(yTrue, 'float32');
  let p = ops.cast(yPred, 'float32');
  [p, t] = squeezeOrExpandToSameRank(p, t);
  let sw: Tensor | null = null;
  if (options.sampleWeight) {
    sw = ops.expandDims(ops.cast(options.sampleWeight, 'float32'), -1);
    [, sw] = squeezeOrExpandToSameRank(t, sw, false);
  }
  if (topK != null) p = filterTopK(p, topK);
  if (classId != null) {
    if (p.rank === 1) {
      throw new ValueError(`Metric "${options.metric}": when class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape: [${p.shape.join(', ')}]`);
    }
    const begin = (x: Tensor): number[] => [...Array(x.rank - 1).fill(0), classId];
    const size = (x: Tensor): number[] => [...Array(x.rank - 1).fill(-1), 1];
    t = ops.slice(t, begin(t), size(t));
    p = ops.slice(p, begin(p), size(p));
  }
  const weights = combinedWeights(sw, labelWeights, p, multiLabel, options.metric);
  if (options.thresholdsDistributedEvenly) {
    const withEpsilon = thresholds[0]! < 0 || thresholds[thresholds.length - 1]! > 1;
    bucketed(vars, t, p, weights, thresholds.length, multiLabel, withEpsilon);
  } else {
    compared(vars, t, p, weights, thresholds, multiLabel);
  }
}

/** Sample weights times label weights, broadcast to `y_pred` (flattened unless multi-label), or null. */
function combinedWeights(sw: Tensor | null, labelWeights: Tensor | null, p: Tensor, multiLabel: boolean, metric: string): Tensor | null {
  const spread = (w: Tensor, what: string): Tensor => {
    if (w.rank > p.rank || w.shape.some((d, i) => d !== 1 && d !== p.shape[p.rank - w.rank + i])) {
      throw new ValueError(`Metric "${metric}": ${what} of shape [${w.shape.join(', ')}] does not broadcast to y_pred's shape [${p.shape.join(', ')}].`);
    }
    const b = ops.broadcastTo(w, p.shape);
    return multiLabel ? b : ops.reshape(b, [-1]);
  };
  let out: Tensor | null = sw ? spread(sw, 'sample_weight') : null;
  if (labelWeights) {
    const lw = spread(ops.expandDims(ops.cast(labelWeights, 'float32'), 0), 'label_weights');
    out = out ? ops.mul(out, lw) : lw;
  }
  return out;
}

function addTo(v: Variable | undefined, delta: () => Tensor): void {
  if (v) v.assign(ops.add(v, delta()));
}

/** The general path: compare every prediction with every threshold. */
function compared(vars: ConfusionVariables, t: Tensor, p: Tensor, weights: Tensor | null, thresholds: readonly number[], multiLabel: boolean): void {
  const n = thresholds.length;
  const preds = multiLabel ? ops.expandDims(p, 0) : ops.reshape(p, [1, -1]);
  const labels = ops.cast(multiLabel ? ops.expandDims(t, 0) : ops.reshape(t, [1, -1]), 'bool');
  const thr = ops.reshape(ops.tensor(thresholds as number[], undefined, 'float32'), multiLabel ? [n, 1, 1] : [n, 1]);
  const predIsPos = ops.greater(preds, thr);
  const labelIsPos = ops.broadcastTo(labels, predIsPos.shape);
  const w = weights ? ops.broadcastTo(ops.expandDims(weights, 0), predIsPos.shape) : null;
  const count = (label: Tensor, pred: Tensor): Tensor => {
    const both = ops.logicalAnd(label, pred);
    return ops.sum(w ? ops.where(both, w, ops.zerosLike(w)) : ops.cast(both, 'float32'), 1);
  };
  const predIsNeg = ops.logicalNot(predIsPos);
  const labelIsNeg = ops.logicalNot(labelIsPos);
  addTo(vars.truePositives, () => count(labelIsPos, predIsPos));
  addTo(vars.falseNegatives, () => count(labelIsPos, predIsNeg));
  addTo(vars.falsePositives, () => count(labelIsNeg, predIsPos));
  addTo(vars.trueNegatives, () => count(labelIsNeg, predIsNeg));
}

/**
 * The fast path for evenly spaced thresholds: each prediction falls in bucket `ceil(p·(n−1)) − 1`; per-bucket
 * sums (a scatter-add) reverse-cumulated give the counts above every threshold at once.
 */
function bucketed(vars: ConfusionVariables, t0: Tensor, p0: Tensor, weights: Tensor | null, n: number, multiLabel: boolean, withEpsilon: boolean): void {
  let p = ops.clipByValue(p0, 0, 1);
  let t = ops.cast(ops.cast(t0, 'bool'), 'float32');
  if (!multiLabel) {
    t = ops.reshape(t, [-1]);
    p = ops.reshape(p, [-1]);
  }
  const trueLabels = weights ? ops.mul(t, weights) : t;
  const falseLabels = weights ? ops.mul(ops.sub(1, t), weights) : ops.sub(1, t);
  let bucket = ops.sub(ops.ceil(ops.mul(p, n - 1)), 1);
  if (withEpsilon) bucket = ops.relu(bucket);
  // A bucket of −1 (a prediction of exactly 0 without the epsilon thresholds) counts nowhere.
  const inRange = ops.greaterEqual(bucket, 0);
  const index = ops.cast(ops.maximum(bucket, 0), 'int32');
  const segmentSum = (data: Tensor): Tensor => {
    const kept = ops.where(inRange, data, ops.zerosLike(data));
    if (!multiLabel) return ops.scatterND(ops.expandDims(index, -1), kept, [n]);
    const [rows, labels] = p.shape as [number, number];
    const labelIds = ops.broadcastTo(ops.expandDims(ops.range(0, labels, 1, 'int32'), 0), [rows, labels]);
    return ops.scatterND(ops.stack([index, labelIds], -1), kept, [n, labels]);
  };
  const above = (data: Tensor): Tensor => ops.cumsum(segmentSum(data), 0, false, true);
  const tp = vars.truePositives || vars.falseNegatives ? above(trueLabels) : null;
  const fp = vars.falsePositives || vars.trueNegatives ? above(falseLabels) : null;
  addTo(vars.truePositives, () => tp!);
  addTo(vars.falsePositives, () => fp!);
  addTo(vars.trueNegatives, () => ops.sub(ops.sum(falseLabels, multiLabel ? 0 : undefined), fp!));
  addTo(vars.falseNegatives, () => ops.sub(ops.sum(trueLabels, multiLabel ? 0 : undefined), tp!));
}
