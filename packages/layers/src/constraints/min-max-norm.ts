import { ops, tidy, type Tensor } from '@strata/core';
import { Constraint } from './constraint.js';
import { EPSILON, l2Norms, type NormAxis } from './norms.js';

/** Options of {@link MinMaxNorm}. */
export interface MinMaxNormOptions {
  /** The smallest norm allowed (default 0). */
  minValue?: number;
  /** The largest norm allowed (default 1). */
  maxValue?: number;
  /** How far to move towards the interval each time: 1 (default) enforces it strictly. */
  rate?: number;
  /** Axis or axes along which norms are taken (default 0). */
  axis?: NormAxis;
}

/**
 * Keeps each weight vector's L2 norm within `[minValue, maxValue]`, as `keras.constraints.MinMaxNorm`: the norm is
 * rescaled to `rate * clip(norm, minValue, maxValue) + (1 − rate) * norm`, dividing by `epsilon + norm`.
 *
 * Arguments: `minValue` (default 0), `maxValue` (default 1), `rate` (default 1), `axis` (default 0).
 *
 * @example
 * new MinMaxNorm({ minValue: 0.5, maxValue: 1, rate: 0.5 }).call(kernel);
 */
export class MinMaxNorm extends Constraint {
  static override className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: NormAxis;

  constructor(options: MinMaxNormOptions = {}) {
    super();
    this.minValue = options.minValue ?? 0;
    this.maxValue = options.maxValue ?? 1;
    this.rate = options.rate ?? 1;
    this.axis = options.axis ?? 0;
  }

  call(w: Tensor): Tensor {
    return tidy(() => {
      const norms = l2Norms(w, this.axis);
      const desired = ops.add(
        ops.mul(ops.clipByValue(norms, this.minValue, this.maxValue), this.rate),
        ops.mul(norms, 1 - this.rate),
      );
      return ops.mul(w, ops.div(desired, ops.add(norms, EPSILON)));
    });
  }

  override getConfig(): Record<string, unknown> {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }
}
