import { meanSquaredError } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean squared error between labels and predictions, averaged over samples, as `keras.metrics.MeanSquaredError`.
 *
 * Arguments: `name` (default `'mean_squared_error'`), `dtype`.
 *
 * @example
 * const m = new MeanSquaredError();
 * m.updateState(ops.tensor([[0, 1]]), ops.tensor([[1, 1]])); // result 0.5
 */
export class MeanSquaredError extends MeanMetricWrapper {
  static override className = 'MeanSquaredError';

  constructor(options: MetricOptions = {}) {
    super({ fn: meanSquaredError, dtype: options.dtype, name: options.name ?? 'mean_squared_error' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
