import { binaryCrossentropy } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyOptions extends MetricOptions {
  /** Whether `y_pred` holds logits. Defaults to false. */
  fromLogits?: boolean;
  /** Smooths labels towards 0.5. Defaults to 0. */
  labelSmoothing?: number;
}

/**
 * The mean binary crossentropy, as `keras.metrics.BinaryCrossentropy`.
 *
 * Arguments: `fromLogits` (default false), `labelSmoothing` (default 0), `name` (default `'binary_crossentropy'`), `dtype`.
 *
 * @example
 * const m = new BinaryCrossentropy();
 * new BinaryCrossentropy({ fromLogits: true }).apply(labels, logits);
 */
export class BinaryCrossentropy extends MeanMetricWrapper {
  static override className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;

  constructor(options: BinaryCrossentropyOptions = {}) {
    const { fromLogits = false, labelSmoothing = 0 } = options;
    super({ fn: binaryCrossentropy, fromLogits, labelSmoothing, dtype: options.dtype, name: options.name ?? 'binary_crossentropy' });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
}
