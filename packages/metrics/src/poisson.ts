import { poisson } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean Poisson loss, as `keras.metrics.Poisson`.
 *
 * Arguments: `name` (default `'poisson'`), `dtype`.
 *
 * @example
 * const m = new Poisson();
 * m.updateState(counts, rates);
 */
export class Poisson extends MeanMetricWrapper {
  static override className = 'Poisson';

  constructor(options: MetricOptions = {}) {
    super({ fn: poisson, dtype: options.dtype, name: options.name ?? 'poisson' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
