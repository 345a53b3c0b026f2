/**
 * Keras' reduction of per-sample loss values (keras/src/losses/loss.py): sample weights and masks are squeezed or
 * expanded to the values' rank, multiplied in, then the values are summed and divided as the reduction says.
 */
import { ValueError, ops, type Tensor } from '@strata/core';
import { broadcastable, formatShape } from './shape.js';

/**
 * How `Loss.apply` reduces per-sample values: `'sum_over_batch_size'` (the default) and `'mean'` divide the sum by
 * the number of values, `'mean_with_sample_weight'` by the sum of the sample weights, `'sum'` sums, and
 * `'none'`/`null` return the (weighted) values unreduced.
 */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'mean' | 'mean_with_sample_weight' | 'none' | null;

export const REDUCTIONS: readonly Reduction[] = ['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none', null];

/**
 * Validates a reduction name; `undefined` gives the default `'sum_over_batch_size'`, and Keras 2's `'auto'` (found
 * in old configs) means the same.
 */
export function standardizeReduction(reduction: Reduction | 'auto' | undefined): Reduction {
  if (reduction === undefined || reduction === 'auto') return 'sum_over_batch_size';
  if (!REDUCTIONS.includes(reduction)) {
    throw new ValueError(
      `Invalid value for argument \`reduction\`. Expected one of ${REDUCTIONS.map((r) => JSON.stringify(r)).join(', ')}. ` +
        `Received: reduction=${JSON.stringify(reduction)}`,
    );
  }
  return reduction;
}

/**
 * Keras' `squeeze_or_expand_to_same_rank`: when the ranks differ by exactly one and the longer tensor's last
 * dimension is 1, squeeze it (or, when the shorter is rank 1 and `expandRank1`, expand the shorter instead).
 */
export function squeezeOrExpandToSameRank(x1: Tensor, x2: Tensor, expandRank1 = true): [Tensor, Tensor] {
  const r1 = x1.rank;
  const r2 = x2.rank;
  if (r1 === r2) return [x1, x2];
  let a = x1;
  let b = x2;
  if (r1 === r2 + 1 && x1.shape[r1 - 1] === 1) {
    if (r2 === 1 && expandRank1) b = ops.expandDims(x2, -1);
    else a = ops.squeeze(x1, [r1 - 1]);
  }
  if (r2 === r1 + 1 && x2.shape[r2 - 1] === 1) {
    if (r1 === 1 && expandRank1) a = ops.expandDims(x1, -1);
    else b = ops.squeeze(x2, [r2 - 1]);
  }
  return [a, b];
}

/** Sums (and divides) weighted values as the reduction says; rank-0 and shape-`[0]` values are returned as they are. */
export function reduceValues(values: Tensor, sampleWeight: Tensor | null, reduction: Reduction): Tensor {
  if (reduction === null || reduction === 'none' || values.rank === 0 || (values.rank === 1 && values.size === 0)) return values;
  const loss = ops.sum(values);
  if (reduction === 'sum') return loss;
  const divisor = reduction === 'mean_with_sample_weight' && sampleWeight ? ops.sum(sampleWeight) : ops.scalar(values.size);
  return ops.divideNoNan(loss, ops.cast(divisor, loss.dtype));
}

/**
 * Folds a mask into the sample weights (Keras' `apply_mask`). For `'sum_over_batch_size'` and `'mean'` the kept
 * entries are scaled by `total / valid`, so the reduction divides by the number of unmasked values.
 */
export function applyMask(sampleWeight: Tensor | null, mask: Tensor | null, reduction: Reduction): Tensor | null {
  if (!mask) return sampleWeight;
  let floatMask: Tensor;
  if (reduction === 'mean' || reduction === 'sum_over_batch_size') {
    const valid = ops.sum(ops.cast(mask, 'float32'));
    const maskWeight = ops.divideNoNan(ops.scalar(mask.size), valid);
    floatMask = ops.where(ops.cast(mask, 'bool'), ops.broadcastTo(maskWeight, mask.shape), ops.zeros(mask.shape));
  } else {
    floatMask = ops.cast(mask, 'float32');
  }
  if (!sampleWeight) return floatMask;
  const [m, w] = squeezeOrExpandToSameRank(floatMask, ops.cast(sampleWeight, 'float32'));
  return ops.mul(w, m);
}

/** Options of {@link reduceWeightedValues}. */
export interface ReduceOptions {
  sampleWeight?: Tensor | null;
  mask?: Tensor | null;
  reduction?: Reduction;
  /** Named in shape errors. */
  lossName?: string;
}

/**
 * Keras' `reduce_weighted_values`: merges the mask into the sample weights, brings the weights to the values'
 * rank, multiplies, and reduces. Call it inside a `tidy`.
 *
 * @example
 * reduceWeightedValues(ops.tensor([1, 2, 3]), { sampleWeight: ops.tensor([1, 0, 1]) }); // (1 + 3) / 3
 */
export function reduceWeightedValues(values: Tensor, options: ReduceOptions = {}): Tensor {
  const reduction = standardizeReduction(options.reduction);
  let v = values.dtype === 'float32' ? values : ops.cast(values, 'float32');
  let w = options.sampleWeight ? ops.cast(options.sampleWeight, 'float32') : null;
  w = applyMask(w, options.mask ?? null, reduction);
  if (w) {
    [v, w] = squeezeOrExpandToSameRank(v, w);
    if (!broadcastable(v.shape, w.shape)) {
      throw new ValueError(
        `${options.lossName ? `Loss "${options.lossName}": ` : ''}sample_weight of shape ${formatShape(w.shape)} ` +
          `does not broadcast to the per-sample loss values of shape ${formatShape(v.shape)}. Expected a scalar, ` +
          `the values' shape, or that shape with a trailing 1.`,
      );
    }
    v = ops.mul(v, w);
  }
  return reduceValues(v, w, reduction);
}
