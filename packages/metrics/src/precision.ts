import type { Variable } from '@strata/core';
import { ConfusionRateMetric, type ConfusionRateMetricOptions } from './confusion-rate-metric.js';

/** Options of {@link Precision}: `thresholds`, `topK`, `classId`, `name`, `dtype`. */
export type PrecisionOptions = ConfusionRateMetricOptions;

/**
 * Precision, the fraction of positive predictions that are right: `tp / (tp + fp)` accumulated over batches (weighted), as `keras.metrics.Precision`.
 * With several thresholds the result has one value per threshold.
 *
 * Arguments: `thresholds`, `topK`, `classId` (all default null), `name` (default `'precision'`), `dtype`.
 *
 * @example
 * const m = new Precision();
 * m.updateState(ops.tensor([0, 1, 1, 1]), ops.tensor([1, 0, 1, 1])); // result 2/3
 * new Precision({ topK: 2, classId: 1 });
 */
export class Precision extends ConfusionRateMetric {
  static override className = 'Precision';

  constructor(options: PrecisionOptions = {}) {
    super(options, 'precision', 'false_positives');
  }

  /** The `false_positives` state variable. */
  get falsePositives(): Variable {
    return this.errors;
  }
}
