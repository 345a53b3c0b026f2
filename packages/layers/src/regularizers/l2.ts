import { ops, tidy, type Tensor } from '@strata/core';
import { Regularizer, validatePenalty } from './regularizer.js';

/** Options of {@link L2}. */
export interface L2Options {
  /** The L2 factor (default 0.01). */
  l2?: number | null;
}

/**
 * The L2 penalty `l2 * sum(square(x))`, as `keras.regularizers.L2` (string name `'l2'`).
 *
 * Arguments: `l2` — a non-negative factor (default 0.01).
 *
 * @example
 * new L2({ l2: 2 }).call(ops.ones([5, 5])); // 50
 */
export class L2 extends Regularizer {
  static override className = 'L2';
  readonly l2: number;

  constructor(options: L2Options = {}) {
    super();
    this.l2 = validatePenalty(options.l2 ?? 0.01, 'l2');
  }

  call(x: Tensor): Tensor {
    return tidy(() => ops.mul(ops.scalar(this.l2, x.dtype), ops.sum(ops.square(x))));
  }

  override getConfig(): Record<string, unknown> {
    return { l2: this.l2 };
  }
}
