import { logCosh } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean logarithm of the hyperbolic cosine of the error, as `keras.metrics.LogCoshError`.
 *
 * Arguments: `name` (default `'logcosh'`), `dtype`.
 *
 * @example
 * const m = new LogCoshError();
 * m.updateState(yTrue, yPred);
 */
export class LogCoshError extends MeanMetricWrapper {
  static override className = 'LogCoshError';

  constructor(options: MetricOptions = {}) {
    super({ fn: logCosh, dtype: options.dtype, name: options.name ?? 'logcosh' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
