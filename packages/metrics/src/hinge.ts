import { hinge } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * The mean hinge loss, as `keras.metrics.Hinge`.
 *
 * Arguments: `name` (default `'hinge'`), `dtype`.
 *
 * @example
 * const m = new Hinge();
 * m.updateState(labels, scores);
 */
export class Hinge extends MeanMetricWrapper {
  static override className = 'Hinge';

  constructor(options: MetricOptions = {}) {
    super({ fn: hinge, dtype: options.dtype, name: options.name ?? 'hinge' });
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
