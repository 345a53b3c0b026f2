import { categoricalCrossentropy } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyOptions extends MetricOptions {
  /** Whether `y_pred` holds logits. Defaults to false. */
  fromLogits?: boolean;
  /** Smooths labels towards `1 / num_classes`. Defaults to 0. */
  labelSmoothing?: number;
  /** The class axis. Defaults to -1. */
  axis?: number;
}

/**
 * The mean categorical crossentropy, as `keras.metrics.CategoricalCrossentropy`.
 *
 * Arguments: `fromLogits` (default false), `labelSmoothing` (default 0), `axis` (default -1), `name` (default `'categorical_crossentropy'`), `dtype`.
 *
 * @example
 * const m = new CategoricalCrossentropy();
 * m.updateState(oneHotLabels, probabilities);
 */
export class CategoricalCrossentropy extends MeanMetricWrapper {
  static override className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: CategoricalCrossentropyOptions = {}) {
    const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
    super({ fn: categoricalCrossentropy, fromLogits, labelSmoothing, axis, dtype: options.dtype, name: options.name ?? 'categorical_crossentropy' });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
}
