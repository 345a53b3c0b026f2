import { meanAbsolutePercentageError } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean absolute percentage error, as `keras.metrics.MeanAbsolutePercentageError`.
 *
 * Arguments: `name` (default `'mean_absolute_percentage_error'`), `dtype`.
 *
 * @example
 * const m = new MeanAbsolutePercentageError();
 * m.updateState(ops.tensor([[2, 4]]), ops.tensor([[1, 4]])); // result 25
 */
export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  static override className = 'MeanAbsolutePercentageError';

  constructor(options: MetricOptions = {}) {
    super({ fn: meanAbsolutePercentageError, dtype: options.dtype, name: options.name ?? 'mean_absolute_percentage_error' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
