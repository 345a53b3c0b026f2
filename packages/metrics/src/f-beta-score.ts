import { ValueError, ops, tidy, type Tensor, type Variable } from '@strata/core';
import { EPSILON } from '@strata/losses';
import { Metric, type MetricOptions } from './metric.js';

/** How per-class scores are combined: `null` keeps one per class. */
export type FBetaAverage = 'micro' | 'macro' | 'weighted' | null;

/** Options of {@link FBetaScore}. */
export interface FBetaScoreOptions extends MetricOptions {
  /** `null` (one score per class, the default), `'micro'` (global counts), `'macro'` (mean of class scores) or `'weighted'` (mean weighted by support). */
  average?: FBetaAverage;
  /** Recall is `beta` times as important as precision. Defaults to 1. */
  beta?: number;
  /** Predictions above it count as positive; `null` (default) takes each row's maximum as its one positive. */
  threshold?: number | null;
}

/**
 * The F-beta score `(1 + β²)·P·R / (β²·P + R)` from counts accumulated over batches, as `keras.metrics.FBetaScore`.
 * Inputs are 2D: `[batch, classes]`.
 *
 * Arguments: `average` (null), `beta` (1), `threshold` (null), `name` (default `'fbeta_score'`), `dtype`.
 *
 * @example
 * const f = new FBetaScore({ beta: 2, average: 'macro', threshold: 0.5 });
 * f.updateState(labels, probabilities);
 * f.result(); // a scalar
 */
export class FBetaScore extends Metric {
  static override className = 'FBetaScore';
  readonly average: FBetaAverage;
  readonly beta: number;
  readonly threshold: number | null;
  private counts: { tp: Variable; fp: Variable; fn: Variable; weights: Variable } | null = null;

  constructor(options: FBetaScoreOptions = {}) {
    super({ ...options, name: options.name ?? 'fbeta_score' });
    this.direction = 'up';
    const { average = null, beta = 1, threshold = null } = options;
    if (![null, 'micro', 'macro', 'weighted'].includes(average)) {
      throw new ValueError(`Invalid \`average\` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. Received: average=${String(average)}`);
    }
    if (!(typeof beta === 'number' && beta > 0)) throw new ValueError(`Invalid \`beta\` argument value. It should be > 0. Received: beta=${String(beta)}`);
    if (threshold !== null && !(typeof threshold === 'number' && threshold > 0 && threshold <= 1)) {
      throw new ValueError(`Invalid \`threshold\` argument value. It should verify 0 < threshold <= 1. Received: threshold=${String(threshold)}`);
    }
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
  }

  private build(yTrue: Tensor, yPred: Tensor): void {
    if (yPred.rank !== 2 || yTrue.rank !== 2) {
      throw new ValueError(
        `${(this.constructor as typeof FBetaScore).className} expects 2D inputs with shape (batch_size, output_dim). ` +
          `Received input shapes: y_pred.shape=[${yPred.shape.join(', ')}] and y_true.shape=[${yTrue.shape.join(', ')}].`,
      );
    }
    const shape = this.average === 'micro' ? [] : [yPred.shape[1]!];
    this.counts = {
      tp: this.addVariable('true_positives', shape),
      fp: this.addVariable('false_positives', shape),
      fn: this.addVariable('false_negatives', shape),
      weights: this.addVariable('intermediate_weights', shape),
    };
  }

  override updateState(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null): void {
    const pred = yPred!;
    if (!this.counts) this.build(yTrue, pred);
    const s = this.counts!;
    tidy(() => {
      const t = ops.cast(yTrue, 'float32');
      let p = ops.cast(pred, 'float32');
      if (this.threshold === null) {
        const rowMax = ops.max(p, -1, true);
        p = ops.logicalAnd(ops.greaterEqual(p, rowMax), ops.greater(ops.abs(p), 1e-9));
      } else {
        p = ops.greater(p, this.threshold);
      }
      p = ops.cast(p, 'float32');
      const w = sampleWeight ? ops.expandDims(ops.cast(sampleWeight, 'float32'), 1) : null;
      const axis = this.average === 'micro' ? undefined : 0;
      const weightedSum = (x: Tensor): Tensor => ops.sum(w ? ops.mul(x, w) : x, axis);
      this.assignAdd(s.tp, weightedSum(ops.mul(p, t)));
      this.assignAdd(s.fp, weightedSum(ops.mul(p, ops.sub(1, t))));
      this.assignAdd(s.fn, weightedSum(ops.mul(ops.sub(1, p), t)));
      this.assignAdd(s.weights, weightedSum(t));
    });
  }

  override result(): Tensor {
    const s = this.counts;
    if (!s) return ops.scalar(0);
    return tidy(() => {
      const precision = ops.div(s.tp, ops.add(ops.add(s.tp, s.fp), EPSILON));
      const recall = ops.div(s.tp, ops.add(ops.add(s.tp, s.fn), EPSILON));
      const b2 = this.beta ** 2;
      const mean = ops.div(ops.mul(precision, recall), ops.add(ops.add(ops.mul(precision, b2), recall), EPSILON));
      const f = ops.mul(mean, 1 + b2);
      if (this.average === 'weighted') {
        const weights = ops.div(s.weights, ops.add(ops.sum(s.weights), EPSILON));
        return ops.sum(ops.mul(f, weights));
      }
      return this.average !== null ? ops.mean(f) : f;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), average: this.average, beta: this.beta, threshold: this.threshold };
  }
}
