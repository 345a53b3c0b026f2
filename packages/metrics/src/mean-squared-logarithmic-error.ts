import { meanSquaredLogarithmicError } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean squared logarithmic error, as `keras.metrics.MeanSquaredLogarithmicError`.
 *
 * Arguments: `name` (default `'mean_squared_logarithmic_error'`), `dtype`.
 *
 * @example
 * const m = new MeanSquaredLogarithmicError();
 * m.updateState(yTrue, yPred);
 */
export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  static override className = 'MeanSquaredLogarithmicError';

  constructor(options: MetricOptions = {}) {
    super({ fn: meanSquaredLogarithmicError, dtype: options.dtype, name: options.name ?? 'mean_squared_logarithmic_error' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
