import { ops, tidy, type Tensor, type Variable } from '@strata/core';
import {
  NEG_INF, isEvenlyDistributedThresholds, parseInitThresholds, updateConfusionMatrixVariables,
} from './confusion-matrix.js';
import { Metric, type MetricOptions } from './metric.js';

/** Options of {@link Precision}. */
export interface PrecisionOptions extends MetricOptions {
  /** One threshold or several in [0, 1]; a prediction above it counts as positive. Defaults to 0.5 (or, with `topK`, −∞). */
  thresholds?: number | number[] | null;
  /** Only the `topK` highest predictions of each row can be positive. */
  topK?: number | null;
  /** Only this class (a column of `y_pred`) is counted. */
  classId?: number | null;
}

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
export class Precision extends Metric {
  static override className = 'Precision';
  readonly thresholds: number[];
  readonly topK: number | null;
  readonly classId: number | null;
  readonly truePositives: Variable;
  readonly falsePositives: Variable;
  private readonly initThresholds: number | number[] | null;
  private readonly evenly: boolean;

  constructor(options: PrecisionOptions = {}) {
    super({ ...options, name: options.name ?? 'precision' });
    this.direction = 'up';
    this.initThresholds = options.thresholds ?? null;
    this.topK = options.topK ?? null;
    this.classId = options.classId ?? null;
    this.thresholds = parseInitThresholds(options.thresholds, this.topK == null ? 0.5 : NEG_INF);
    this.evenly = isEvenlyDistributedThresholds(this.thresholds);
    this.truePositives = this.addVariable('true_positives', [this.thresholds.length]);
    this.falsePositives = this.addVariable('false_positives', [this.thresholds.length]);
  }

  override updateState(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null): void {
    tidy(() => {
      updateConfusionMatrixVariables({ truePositives: this.truePositives, falsePositives: this.falsePositives }, yTrue, yPred!, {
        thresholds: this.thresholds, thresholdsDistributedEvenly: this.evenly, topK: this.topK, classId: this.classId,
        sampleWeight, metric: this.name,
      });
    });
  }

  override result(): Tensor {
    return tidy(() => {
      const r = ops.divideNoNan(this.truePositives, ops.add(this.truePositives, this.falsePositives));
      return this.thresholds.length === 1 ? ops.reshape(r, []) : r;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.initThresholds, topK: this.topK, classId: this.classId };
  }
}
