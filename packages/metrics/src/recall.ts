import type { Variable } from '@strata/core';
import { ConfusionRateMetric, type ConfusionRateMetricOptions } from './confusion-rate-metric.js';

/** Options of {@link Recall}: `thresholds`, `topK`, `classId`, `name`, `dtype`. */
export type RecallOptions = ConfusionRateMetricOptions;

/**
 * Recall, the fraction of actual positives that are found: `tp / (tp + fn)` accumulated over batches (weighted), as `keras.metrics.Recall`.
 * With several thresholds the result has one value per threshold.
 *
 * Arguments: `thresholds`, `topK`, `classId` (all default null), `name` (default `'recall'`), `dtype`.
 *
 * @example
 * const m = new Recall();
 * m.updateState(ops.tensor([0, 1, 1, 1]), ops.tensor([1, 0, 1, 1])); // result 2/3
 * new Recall({ topK: 2, classId: 1 });
 */
export class Recall extends ConfusionRateMetric {
  static override className = 'Recall';

  constructor(options: RecallOptions = {}) {
    super(options, 'recall', 'false_negatives');
  }

  /** The `false_negatives` state variable. */
  get falseNegatives(): Variable {
    return this.errors;
  }
}
