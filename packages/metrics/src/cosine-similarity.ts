import { ops, tidy, type Tensor } from '@strata/core';
import { cosineSimilarity } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/** Keras' metric `cosine_similarity`: `+cos` (the loss of the same name is `-cos`). */
export function similarity(yTrue: Tensor, yPred: Tensor, options: { axis?: number } = {}): Tensor {
  return tidy(() => ops.neg(cosineSimilarity(yTrue, yPred, options)));
}

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityOptions extends MetricOptions {
  /** The axis along which the similarity is computed. Defaults to -1. */
  axis?: number;
}

/**
 * The mean cosine similarity between labels and predictions, as `keras.metrics.CosineSimilarity` (note: the metric is `+cos`, the loss `-cos`).
 *
 * Arguments: `axis` (default -1), `name` (default `'cosine_similarity'`), `dtype`.
 *
 * @example
 * const m = new CosineSimilarity();
 * m.updateState(ops.tensor([[0, 1]]), ops.tensor([[0, 2]])); // result 1
 */
export class CosineSimilarity extends MeanMetricWrapper {
  static override className = 'CosineSimilarity';
  readonly axis: number;

  constructor(options: CosineSimilarityOptions = {}) {
    const { axis = -1 } = options;
    super({ fn: similarity, axis, dtype: options.dtype, name: options.name ?? 'cosine_similarity' });
    this.axis = axis;
    this.direction = 'up';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, axis: this.axis };
  }
}
