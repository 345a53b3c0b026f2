import { ops, tidy, type Tensor } from '@strata/core';
import { Constraint } from './constraint.js';
import { EPSILON, l2Norms, type NormAxis } from './norms.js';

/** Options of {@link MaxNorm}. */
export interface MaxNormOptions {
  /** The largest norm allowed (default 2). */
  maxValue?: number;
  /** Axis or axes along which norms are taken (default 0: each column of a Dense kernel). */
  axis?: NormAxis;
}

/**
 * Rescales each weight vector whose L2 norm exceeds `maxValue` down to it, as `keras.constraints.MaxNorm`:
 * `w * clip(norms, 0, maxValue) / (epsilon + norms)`. For a Conv2D kernel use `axis: [0, 1, 2]`.
 *
 * Arguments: `maxValue` (default 2), `axis` (default 0).
 *
 * @example
 * new Dense({ units: 64, kernelConstraint: new MaxNorm({ maxValue: 3 }) });
 */
export class MaxNorm extends Constraint {
  static override className = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: NormAxis;

  constructor(options: MaxNormOptions = {}) {
    super();
    this.maxValue = options.maxValue ?? 2;
    this.axis = options.axis ?? 0;
  }

  call(w: Tensor): Tensor {
    return tidy(() => {
      const norms = l2Norms(w, this.axis);
      const desired = ops.clipByValue(norms, 0, this.maxValue);
      return ops.mul(w, ops.div(desired, ops.add(norms, EPSILON)));
    });
  }

  override getConfig(): Record<string, unknown> {
    return { maxValue: this.maxValue, axis: this.axis };
  }
}
