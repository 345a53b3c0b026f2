import { ops, tidy, type Tensor, type Variable } from '@strata/core';
import { Metric, type MetricOptions } from './metric.js';
import { reduceToSamplewiseValues } from './samplewise.js';

/**
 * The running (weighted) mean of the values given, as `keras.metrics.Mean`: `total / count`, where values beyond
 * the first axis are averaged per sample and `count` adds the sample weights (or the number of samples).
 *
 * Arguments: `name` (default `'mean'`), `dtype`. Call `updateState(values, sampleWeight?)`.
 *
 * @example
 * const m = new Mean();
 * m.updateState(ops.tensor([1, 3, 5, 7]), ops.tensor([1, 1, 0, 0]));
 * m.result(); // 2
 */
export class Mean extends Metric {
  static override className = 'Mean';
  readonly total: Variable;
  readonly count: Variable;

  constructor(options: MetricOptions = {}) {
    super({ ...options, name: options.name ?? 'mean' });
    this.total = this.addVariable('total', []);
    this.count = this.addVariable('count', []);
  }

  override updateState(values: Tensor, sampleWeight?: Tensor | null): void {
    tidy(() => this.accumulate(values, sampleWeight));
  }

  /** The body of `updateState`, for subclasses already inside a `tidy`. */
  protected accumulate(values: Tensor, sampleWeight?: Tensor | null): void {
    const [v, w] = reduceToSamplewiseValues(values, sampleWeight, 'mean', this.name);
    this.assignAdd(this.total, ops.sum(v));
    const numSamples = w ? ops.sum(w) : ops.scalar(v.rank >= 1 ? v.shape[0]! : 1);
    this.assignAdd(this.count, numSamples);
  }

  override result(): Tensor {
    return tidy(() => ops.divideNoNan(this.total, this.count));
  }
}
