/** Keras' `reduce_to_samplewise_values` (keras/src/metrics/reduction_metrics.py). */
import { ValueError, ops, type Tensor } from '@strata/core';
import { applyMask, lossMask, squeezeOrExpandToSameRank } from '@strata/losses';

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * Reduces `values` to one value per sample (axis 0), weighting them by `sampleWeight` first: the weights are
 * squeezed or expanded to the values' rank, the values are reduced over the axes the weights lack, and the weights
 * are reduced to one per sample. A mask a loss function attached to `values` is folded into the weights.
 * Returns the per-sample values and weights (null when no weights were given). Call it inside a `tidy`.
 */
export function reduceToSamplewiseValues(
  values: Tensor, sampleWeight: Tensor | null | undefined, reduce: 'sum' | 'mean', metric: string,
): [Tensor, Tensor | null] {
  const reduceFn = (x: Tensor, axes: number[]): Tensor => (reduce === 'sum' ? ops.sum(x, axes) : ops.mean(x, axes));
  let v = values.dtype === 'float32' ? values : ops.cast(values, 'float32');
  let w: Tensor | null = null;
  if (sampleWeight) {
    w = ops.cast(sampleWeight, 'float32');
    const mask = lossMask(values);
    if (mask) w = applyMask(w, mask, 'sum');
    [v, w] = squeezeOrExpandToSameRank(v, w!);
    const weightRank = w.rank;
    if (v.rank > weightRank) v = reduceFn(v, range(weightRank, v.rank));
    if (w.rank > v.rank || w.shape.some((d, i) => d !== 1 && d !== v.shape[i])) {
      throw new ValueError(
        `Metric "${metric}": sample_weight of shape [${w.shape.join(', ')}] does not broadcast to the values of shape ` +
          `[${v.shape.join(', ')}]. Expected one weight per sample (shape [batch]) or the values' shape.`,
      );
    }
    w = ops.broadcastTo(w, v.shape);
    v = ops.mul(v, w);
    if (weightRank > 1) w = reduceFn(w, range(1, weightRank));
  }
  if (v.rank > 1) v = reduceFn(v, range(1, v.rank));
  return [v, w];
}
