import { categoricalHinge } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean categorical hinge loss, as `keras.metrics.CategoricalHinge`.
 *
 * Arguments: `name` (default `'categorical_hinge'`), `dtype`.
 *
 * @example
 * const m = new CategoricalHinge();
 * m.updateState(oneHotLabels, scores);
 */
export class CategoricalHinge extends MeanMetricWrapper {
  static override className = 'CategoricalHinge';

  constructor(options: MetricOptions = {}) {
    super({ fn: categoricalHinge, dtype: options.dtype, name: options.name ?? 'categorical_hinge' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
