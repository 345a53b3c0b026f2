import { meanAbsoluteError } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean absolute error between labels and predictions, as `keras.metrics.MeanAbsoluteError`.
 *
 * Arguments: `name` (default `'mean_absolute_error'`), `dtype`.
 *
 * @example
 * const m = new MeanAbsoluteError();
 * m.updateState(ops.tensor([[0, 1]]), ops.tensor([[1, 1]])); // result 0.5
 */
export class MeanAbsoluteError extends MeanMetricWrapper {
  static override className = 'MeanAbsoluteError';

  constructor(options: MetricOptions = {}) {
    super({ fn: meanAbsoluteError, dtype: options.dtype, name: options.name ?? 'mean_absolute_error' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
