import { ops, tidy, type Tensor, type Variable } from '@strata/core';
import {
  NEG_INF, isEvenlyDistributedThresholds, parseInitThresholds, updateConfusionMatrixVariables,
} from './confusion-matrix.js';
import { Metric, type MetricOptions } from './metric.js';

/** Options of a {@link ConfusionRateMetric} (`Precision`, `Recall`). */
export interface ConfusionRateMetricOptions extends MetricOptions {
  /** One threshold or several in [0, 1]; a prediction above it counts as positive. Defaults to 0.5 (or, with `topK`, −∞). */
  thresholds?: number | number[] | null;
  /** Only the `topK` highest predictions of each row can be positive. */
  topK?: number | null;
  /** Only this class (a column of `y_pred`) is counted. */
  classId?: number | null;
}

/** The error count a rate is measured against: false positives (precision) or false negatives (recall). */
export type ConfusionErrorVariable = 'false_positives' | 'false_negatives';

/**
 * The shared base of Precision and Recall: `tp / (tp + errors)` over thresholds, accumulated over batches (weighted),
 * with Keras' `thresholds` / `top_k` / `class_id` arguments and the state variables `true_positives` then `errorName`.
 *
 * @example
 * class Precision extends ConfusionRateMetric {
 *   constructor(options: ConfusionRateMetricOptions = {}) { super(options, 'precision', 'false_positives'); }
 * }
 */
export abstract class ConfusionRateMetric extends Metric {
  readonly thresholds: number[];
  readonly topK: number | null;
  readonly classId: number | null;
  readonly truePositives: Variable;
  /** The second state variable (`false_positives` or `false_negatives`). */
  protected readonly errors: Variable;
  private readonly errorKey: 'falsePositives' | 'falseNegatives';
  private readonly initThresholds: number | number[] | null;
  private readonly evenly: boolean;

  protected constructor(options: ConfusionRateMetricOptions, defaultName: string, errorName: ConfusionErrorVariable) {
    super({ ...options, name: options.name ?? defaultName });
    this.direction = 'up';
    this.initThresholds = options.thresholds ?? null;
    this.topK = options.topK ?? null;
    this.classId = options.classId ?? null;
    this.thresholds = parseInitThresholds(options.thresholds, this.topK == null ? 0.5 : NEG_INF);
    this.evenly = isEvenlyDistributedThresholds(this.thresholds);
    this.truePositives = this.addVariable('true_positives', [this.thresholds.length]);
    this.errors = this.addVariable(errorName, [this.thresholds.length]);
    this.errorKey = errorName === 'false_positives' ? 'falsePositives' : 'falseNegatives';
  }

  override updateState(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null): void {
    tidy(() => {
      updateConfusionMatrixVariables({ truePositives: this.truePositives, [this.errorKey]: this.errors }, yTrue, yPred!, {
        thresholds: this.thresholds, thresholdsDistributedEvenly: this.evenly, topK: this.topK, classId: this.classId,
        sampleWeight, metric: this.name,
      });
    });
  }

  override result(): Tensor {
    return tidy(() => {
      const r = ops.divideNoNan(this.truePositives, ops.add(this.truePositives, this.errors));
      return this.thresholds.length === 1 ? ops.reshape(r, []) : r;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.initThresholds, topK: this.topK, classId: this.classId };
  }
}
