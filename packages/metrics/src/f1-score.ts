import { FBetaScore, type FBetaAverage } from './f-beta-score.js';
import type { MetricOptions } from './metric.js';

/** Options of {@link F1Score}. */
export interface F1ScoreOptions extends MetricOptions {
  /** `null` (one score per class, the default), `'micro'`, `'macro'` or `'weighted'`. */
  average?: FBetaAverage;
  /** Predictions above it count as positive; `null` (default) takes each row's maximum as its one positive. */
  threshold?: number | null;
}

/**
 * The F1 score, the harmonic mean of precision and recall, as `keras.metrics.F1Score` (an `FBetaScore` with
 * β = 1). Inputs are 2D: `[batch, classes]`.
 *
 * Arguments: `average` (null), `threshold` (null), `name` (default `'f1_score'`), `dtype`.
 *
 * @example
 * const f1 = new F1Score({ average: 'micro', threshold: 0.5 });
 * f1.updateState(ops.tensor([[1, 0], [0, 1]]), ops.tensor([[0.9, 0.2], [0.6, 0.4]]));
 * f1.result(); // 0.5
 */
export class F1Score extends FBetaScore {
  static override className = 'F1Score';

  constructor(options: F1ScoreOptions = {}) {
    super({ average: options.average, threshold: options.threshold, dtype: options.dtype, beta: 1, name: options.name ?? 'f1_score' });
  }

  override getConfig(): Record<string, unknown> {
    const { beta: _beta, ...config } = super.getConfig();
    return config;
  }
}
