import { klDivergence } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean Kullback-Leibler divergence between label and predicted distributions, as `keras.metrics.KLDivergence`.
 *
 * Arguments: `name` (default `'kl_divergence'`), `dtype`.
 *
 * @example
 * const m = new KLDivergence();
 * m.updateState(yTrue, yPred);
 */
export class KLDivergence extends MeanMetricWrapper {
  static override className = 'KLDivergence';

  constructor(options: MetricOptions = {}) {
    super({ fn: klDivergence, dtype: options.dtype, name: options.name ?? 'kl_divergence' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
