import { sparseTopKCategoricalAccuracy } from './functions/accuracy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/** Options of {@link SparseTopKCategoricalAccuracy}. */
export interface SparseTopKCategoricalAccuracyOptions extends MetricOptions {
  /** How many of the highest predictions count as a hit. Defaults to 5. */
  k?: number;
  /** `y_pred` holds class ids sorted by score instead of scores. Defaults to false. */
  fromSortedIds?: boolean;
}

/**
 * How often the integer label is among the `k` highest predictions, as
 * `keras.metrics.SparseTopKCategoricalAccuracy`.
 *
 * Arguments: `k` (default 5), `fromSortedIds` (default false), `name` (default
 * `'sparse_top_k_categorical_accuracy'`), `dtype`.
 *
 * @example
 * const m = new SparseTopKCategoricalAccuracy({ k: 2 });
 * m.updateState(ops.tensor([2, 0]), ops.tensor([[0.1, 0.5, 0.4], [0.2, 0.3, 0.5]])); // result 0.5
 */
export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'SparseTopKCategoricalAccuracy';
  readonly k: number;
  readonly fromSortedIds: boolean;

  constructor(options: SparseTopKCategoricalAccuracyOptions = {}) {
    const { k = 5, fromSortedIds = false } = options;
    super({ fn: sparseTopKCategoricalAccuracy, k, fromSortedIds, dtype: options.dtype, name: options.name ?? 'sparse_top_k_categorical_accuracy' });
    this.k = k;
    this.fromSortedIds = fromSortedIds;
    this.direction = 'up';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, k: this.k, ...(this.fromSortedIds ? { fromSortedIds: true } : {}) };
  }
}
