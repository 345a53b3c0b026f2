import { squaredHinge } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean squared hinge loss, as `keras.metrics.SquaredHinge`.
 *
 * Arguments: `name` (default `'squared_hinge'`), `dtype`.
 *
 * @example
 * const m = new SquaredHinge();
 * m.updateState(labels, scores);
 */
export class SquaredHinge extends MeanMetricWrapper {
  static override className = 'SquaredHinge';

  constructor(options: MetricOptions = {}) {
    super({ fn: squaredHinge, dtype: options.dtype, name: options.name ?? 'squared_hinge' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
