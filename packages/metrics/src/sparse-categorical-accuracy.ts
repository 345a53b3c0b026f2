import { sparseCategoricalAccuracy } from './functions/accuracy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * How often the predicted class (argmax) matches integer labels, as `keras.metrics.SparseCategoricalAccuracy`.
 *
 * Arguments: `name` (default `'sparse_categorical_accuracy'`), `dtype`.
 *
 * @example
 * const m = new SparseCategoricalAccuracy();
 * m.updateState(ops.tensor([1, 0]), ops.tensor([[0.3, 0.7], [0.2, 0.8]])); // result 0.5
 */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'SparseCategoricalAccuracy';

  constructor(options: MetricOptions = {}) {
    super({ fn: sparseCategoricalAccuracy, dtype: options.dtype, name: options.name ?? 'sparse_categorical_accuracy' });
    this.direction = 'up';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
