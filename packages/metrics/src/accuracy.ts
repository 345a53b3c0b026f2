import { accuracy } from './functions/accuracy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/**
 * How often predictions equal labels exactly, as `keras.metrics.Accuracy`.
 *
 * Arguments: `name` (default `'accuracy'`), `dtype`.
 *
 * @example
 * const m = new Accuracy();
 * m.updateState(ops.tensor([[1], [2], [3]]), ops.tensor([[1], [2], [4]])); // result 2/3
 */
export class Accuracy extends MeanMetricWrapper {
  static override className = 'Accuracy';

  constructor(options: MetricOptions = {}) {
    super({ fn: accuracy, dtype: options.dtype, name: options.name ?? 'accuracy' });
    this.direction = 'up';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }
}
