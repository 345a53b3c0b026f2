import { sparseCategoricalCrossentropy } from '@strata/losses';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricOptions } from './metric.js';

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyOptions extends MetricOptions {
  /** Whether `y_pred` holds logits. Defaults to false. */
  fromLogits?: boolean;
  /** A label that contributes nothing. Defaults to null. */
  ignoreClass?: number | null;
  /** The class axis. Defaults to -1. */
  axis?: number;
}

/**
 * The mean sparse categorical crossentropy, as `keras.metrics.SparseCategoricalCrossentropy`.
 *
 * Arguments: `fromLogits` (default false), `ignoreClass` (default null), `axis` (default -1), `name` (default `'sparse_categorical_crossentropy'`), `dtype`.
 *
 * @example
 * const m = new SparseCategoricalCrossentropy();
 * m.updateState(intLabels, probabilities);
 */
export class SparseCategoricalCrossentropy extends MeanMetricWrapper {
  static override className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;
  readonly axis: number;

  constructor(options: SparseCategoricalCrossentropyOptions = {}) {
    const { fromLogits = false, ignoreClass = null, axis = -1 } = options;
    super({ fn: sparseCategoricalCrossentropy, fromLogits, ignoreClass, axis, dtype: options.dtype, name: options.name ?? 'sparse_categorical_crossentropy' });
    this.fromLogits = fromLogits;
    this.ignoreClass = ignoreClass;
    this.axis = axis;
    this.direction = 'down';
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, fromLogits: this.fromLogits, ignoreClass: this.ignoreClass, axis: this.axis };
  }
}
