import { categoricalAccuracy } from './functions/accuracy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * How often the predicted class (argmax) matches one-hot labels, as `keras.metrics.CategoricalAccuracy`.
 *
 * Arguments: `name` (default `'categorical_accuracy'`), `dtype`.
 *
 * @example
 * const m = new CategoricalAccuracy();
 * m.updateState(ops.tensor([[0, 1], [1, 0]]), ops.tensor([[0.3, 0.7], [0.2, 0.8]])); // result 0.5
 */
export class CategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'CategoricalAccuracy';

  constructor(options: MetricOptions = {}) {
    super({ fn: categoricalAccuracy, dtype: options.dtype, name: options.name ?? 'categorical_accuracy' });
    this.direction = 'up';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
