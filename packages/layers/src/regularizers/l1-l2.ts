import { ops, tidy, type Tensor } from '@strata/core';
import { Regularizer, validatePenalty } from './regularizer.js';

/** Options of {@link L1L2}. */
export interface L1L2Options {
  /** The L1 factor (default 0). */
  l1?: number | null;
  /** The L2 factor (default 0). */
  l2?: number | null;
}

/**
 * The penalty `l1 * sum(abs(x)) + l2 * sum(square(x))`, as `keras.regularizers.L1L2`. Constructed directly both
 * factors default to 0; the string `'l1_l2'` gives `l1 = l2 = 0.01`, as Keras documents.
 *
 * Arguments: `l1`, `l2` — non-negative factors.
 *
 * @example
 * new L1L2({ l1: 0.01, l2: 0.01 }).call(ops.tensor([1, -2])); // 0.03 + 0.05
 */
export class L1L2 extends Regularizer {
  static override className = 'L1L2';
  readonly l1: number;
  readonly l2: number;

  constructor(options: L1L2Options = {}) {
    super();
    this.l1 = validatePenalty(options.l1 ?? 0, 'l1');
    this.l2 = validatePenalty(options.l2 ?? 0, 'l2');
  }

  call(x: Tensor): Tensor {
    return tidy(() => {
      let penalty = ops.scalar(0, x.dtype);
      if (this.l1 !== 0) penalty = ops.add(penalty, ops.mul(ops.scalar(this.l1, x.dtype), ops.sum(ops.abs(x))));
      if (this.l2 !== 0) penalty = ops.add(penalty, ops.mul(ops.scalar(this.l2, x.dtype), ops.sum(ops.square(x))));
      return penalty;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}
