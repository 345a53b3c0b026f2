import { ops, tidy, type Tensor } from '@strata/core';
import { Constraint } from './constraint.js';
import { EPSILON, l2Norms, type NormAxis } from './norms.js';

/** Options of {@link UnitNorm}. */
export interface UnitNormOptions {
  /** Axis or axes along which norms are taken (default 0). */
  axis?: NormAxis;
}

/**
 * Scales each weight vector to unit L2 norm, as `keras.constraints.UnitNorm`: `w / (epsilon + norms)`.
 *
 * Arguments: `axis` (default 0; `[0, 1, 2]` for a Conv2D kernel's filters).
 *
 * @example
 * new UnitNorm({ axis: 0 }).call(ops.tensor([[3], [4]])); // [[0.6], [0.8]]
 */
export class UnitNorm extends Constraint {
  static override className = 'UnitNorm';
  readonly axis: NormAxis;

  constructor(options: UnitNormOptions = {}) {
    super();
    this.axis = options.axis ?? 0;
  }

  call(w: Tensor): Tensor {
    return tidy(() => ops.div(w, ops.add(l2Norms(w, this.axis), EPSILON)));
  }

  override getConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}
