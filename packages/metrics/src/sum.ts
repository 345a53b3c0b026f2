import { ops, tidy, type Tensor, type Variable } from '@strata/core';
import { Metric, type MetricOptions } from './metric.js';
import { reduceToSamplewiseValues } from './samplewise.js';

/**
 * The running (weighted) sum of the values given, as `keras.metrics.Sum`.
 *
 * Arguments: `name` (default `'sum'`), `dtype`. Call `updateState(values, sampleWeight?)`.
 *
 * @example
 * const s = new Sum();
 * s.updateState(ops.tensor([1, 3, 5, 7]));
 * s.result(); // 16
 */
export class Sum extends Metric {
  static override className = 'Sum';
  readonly total: Variable;

  constructor(options: MetricOptions = {}) {
    super({ ...options, name: options.name ?? 'sum' });
    this.total = this.addVariable('total', []);
  }

  override updateState(values: Tensor, sampleWeight?: Tensor | null): void {
    tidy(() => {
      const [v] = reduceToSamplewiseValues(values, sampleWeight, 'sum', this.name);
      this.assignAdd(this.total, ops.sum(v));
    });
  }

  override result(): Tensor {
    return ops.clone(this.total);
  }
}
