import { binaryAccuracy } from './functions/accuracy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/** Options of {@link BinaryAccuracy}. */
export interface BinaryAccuracyOptions extends MetricOptions {
  /** Predictions above it count as 1. Defaults to 0.5. */
  threshold?: number;
}

/**
 * How often `y_pred > threshold` matches binary labels, as `keras.metrics.BinaryAccuracy`.
 *
 * Arguments: `threshold` (default 0.5), `name` (default `'binary_accuracy'`), `dtype`.
 *
 * @example
 * const m = new BinaryAccuracy();
 * m.updateState(ops.tensor([[1], [0]]), ops.tensor([[0.7], [0.6]])); // result 0.5
 */
export class BinaryAccuracy extends MeanMetricWrapper {
  static override className = 'BinaryAccuracy';
  readonly threshold: number;

  constructor(options: BinaryAccuracyOptions = {}) {
    const { threshold = 0.5 } = options;
    super({ fn: binaryAccuracy, threshold, dtype: options.dtype, name: options.name ?? 'binary_accuracy' });
    this.threshold = threshold;
    this.direction = 'up';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, threshold: this.threshold };
  }
}
