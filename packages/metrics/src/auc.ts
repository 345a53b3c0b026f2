import { ValueError, ops, tidy, type Tensor, type Variable } from '@strata/core';
import { EPSILON } from '@strata/losses';
import { isEvenlyDistributedThresholds, updateConfusionMatrixVariables } from './confusion-matrix.js';
import { Metric, type MetricOptions } from './metric.js';
import { aucFromCounts, type AucCurve, type AucSummation } from './auc-integral.js';

/** Options of {@link AUC}. */
export interface AUCOptions extends MetricOptions {
  /** How many evenly spaced thresholds discretize the curve. Defaults to 200. */
  numThresholds?: number;
  /** `'ROC'` (default), `'PR'` (precision-recall) or `'PRGAIN'`; lower case accepted. */
  curve?: AucCurve | 'roc' | 'pr' | 'prgain';
  /** `'interpolation'` (default; for PR, Davis & Goadrich's interpolation), `'minoring'` or `'majoring'`. */
  summationMethod?: AucSummation | 'Interpolation' | 'Minoring' | 'Majoring';
  /** Explicit thresholds in [0, 1] instead of `numThresholds` (0−ε and 1+ε are added). */
  thresholds?: number[] | null;
  /** One curve per label (column), averaged, instead of one curve over all values. Defaults to false. */
  multiLabel?: boolean;
  /** With `multiLabel`, the number of labels (otherwise taken from the first batch). */
  numLabels?: number | null;
  /** Per-label weights: weight the values (single curve) or the per-label AUCs (`multiLabel`). */
  labelWeights?: number[] | null;
  /** Apply a sigmoid to `y_pred` first. Defaults to false. */
  fromLogits?: boolean;
}

/**
 * The area under the ROC or precision-recall curve, approximated with a Riemann sum over thresholds, as
 * `keras.metrics.AUC`.
 *
 * Arguments: `numThresholds` (200), `curve` (`'ROC'`), `summationMethod` (`'interpolation'`), `thresholds`,
 * `multiLabel` (false), `numLabels`, `labelWeights`, `fromLogits` (false), `name` (default `'auc'`), `dtype`.
 *
 * @example
 * const auc = new AUC({ curve: 'PR' });
 * auc.updateState(ops.tensor([0, 0, 1, 1]), ops.tensor([0, 0.5, 0.3, 0.9]));
 * auc.result();
 */
export class AUC extends Metric {
  static override className = 'AUC';
  readonly numThresholds: number;
  readonly curve: AucCurve;
  readonly summationMethod: AucSummation;
  readonly multiLabel: boolean;
  readonly numLabels: number | null;
  readonly labelWeights: number[] | null;
  readonly fromLogits: boolean;
  private readonly explicitThresholds: boolean;
  private readonly evenly: boolean;
  private readonly thresholdList: number[];
  private counts: { truePositives: Variable; falsePositives: Variable; trueNegatives: Variable; falseNegatives: Variable } | null = null;

  constructor(options: AUCOptions = {}) {
    super({ ...options, name: options.name ?? 'auc' });
    this.direction = 'up';
    let inner: number[];
    this.explicitThresholds = options.thresholds != null;
    if (options.thresholds != null) {
      this.numThresholds = options.thresholds.length + 2;
      inner = [...options.thresholds].sort((a, b) => a - b);
      this.evenly = isEvenlyDistributedThresholds([0, ...inner, 1]);
    } else {
      const n = options.numThresholds ?? 200;
      if (!(n > 1)) throw new ValueError(`Argument \`num_thresholds\` must be an integer > 1. Received: num_thresholds=${n}`);
      this.numThresholds = n;
      inner = Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1));
      this.evenly = true;
    }
    this.thresholdList = [0 - EPSILON, ...inner, 1 + EPSILON];
    this.curve = parseCurve(options.curve ?? 'ROC');
    this.summationMethod = parseSummation(options.summationMethod ?? 'interpolation');
    this.multiLabel = options.multiLabel ?? false;
    this.numLabels = options.numLabels ?? null;
    this.labelWeights = options.labelWeights ?? null;
    this.fromLogits = options.fromLogits ?? false;
    if (this.multiLabel) {
      if (this.numLabels) this.build([this.numLabels]);
    } else {
      if (this.numLabels) throw new ValueError('`num_labels` is needed only when `multi_label` is True.');
      this.build(null);
    }
  }

  /** The thresholds, 0−ε and 1+ε included. */
  get thresholds(): number[] {
    return [...this.thresholdList];
  }

  private build(labels: number[] | null): void {
    const shape = this.multiLabel ? [this.numThresholds, labels![0]!] : [this.numThresholds];
    this.counts = {
      truePositives: this.addVariable('true_positives', shape),
      falsePositives: this.addVariable('false_positives', shape),
      trueNegatives: this.addVariable('true_negatives', shape),
      falseNegatives: this.addVariable('false_negatives', shape),
    };
  }

  override updateState(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null): void {
    const pred = yPred!;
    if (!this.counts) {
      if (pred.rank !== 2) {
        throw new ValueError(`\`y_pred\` must have rank 2 when \`multi_label=True\`. Found rank ${pred.rank}. Full shape received for \`y_pred\`: [${pred.shape.join(', ')}]`);
      }
      this.build([pred.shape[1]!]);
    }
    tidy(() => {
      const p = this.fromLogits ? ops.sigmoid(pred) : pred;
      const labelWeights = !this.multiLabel && this.labelWeights ? ops.tensor(this.labelWeights) : null;
      updateConfusionMatrixVariables(this.counts!, yTrue, p, {
        thresholds: this.thresholdList, thresholdsDistributedEvenly: this.evenly, sampleWeight, multiLabel: this.multiLabel,
        labelWeights, metric: this.name,
      });
    });
  }

  override result(): Tensor {
    if (!this.counts) return ops.scalar(0);
    const c = this.counts;
    return tidy(() => {
      const perLabel = aucFromCounts(c.truePositives, c.falsePositives, c.trueNegatives, c.falseNegatives, this.curve, this.summationMethod);
      if (!this.multiLabel) return perLabel;
      if (!this.labelWeights) return ops.mean(perLabel);
      const w = ops.tensor(this.labelWeights);
      return ops.divideNoNan(ops.sum(ops.mul(perLabel, w)), ops.sum(w));
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), numThresholds: this.numThresholds, curve: this.curve, summationMethod: this.summationMethod,
      multiLabel: this.multiLabel, numLabels: this.numLabels, labelWeights: this.labelWeights, fromLogits: this.fromLogits,
      ...(this.explicitThresholds ? { thresholds: this.thresholdList.slice(1, -1) } : {}),
    };
  }
}

function parseCurve(curve: string): AucCurve {
  const c = { roc: 'ROC', pr: 'PR', prgain: 'PRGAIN' }[curve.toLowerCase()] as AucCurve | undefined;
  if (!c || (curve !== c && curve !== curve.toLowerCase())) {
    throw new ValueError(`Invalid AUC curve value: "${curve}". Expected values are ["PR", "ROC", "PRGAIN"]`);
  }
  return c;
}

function parseSummation(method: string): AucSummation {
  const m = method.toLowerCase() as AucSummation;
  if (!['interpolation', 'minoring', 'majoring'].includes(m) || (method !== m && method !== m[0]!.toUpperCase() + m.slice(1))) {
    throw new ValueError(`Invalid AUC summation method value: "${method}". Expected values are ["interpolation", "majoring", "minoring"]`);
  }
  return m;
}
