import { topKCategoricalAccuracy } from './functions/accuracy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/** Options of {@link TopKCategoricalAccuracy}. */
export interface TopKCategoricalAccuracyOptions extends MetricOptions {
  /** How many of the highest predictions count as a hit. Defaults to 5. */
  k?: number;
}

/**
 * How often the one-hot label's class is among the `k` highest predictions, as `keras.metrics.TopKCategoricalAccuracy`.
 *
 * Arguments: `k` (default 5), `name` (default `'top_k_categorical_accuracy'`), `dtype`.
 *
 * @example
 * const m = new TopKCategoricalAccuracy();
 * new TopKCategoricalAccuracy({ k: 2 }).apply(oneHotLabels, probabilities);
 */
export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'TopKCategoricalAccuracy';
  readonly k: number;

  constructor(options: TopKCategoricalAccuracyOptions = {}) {
    const { k = 5 } = options;
    super({ fn: topKCategoricalAccuracy, k, dtype: options.dtype, name: options.name ?? 'top_k_categorical_accuracy' });
    this.k = k;
    this.direction = 'up';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, k: this.k };
  }
}
