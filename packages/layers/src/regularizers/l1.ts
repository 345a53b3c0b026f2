import { ops, tidy, type Tensor } from '@strata/core';
import { Regularizer, validatePenalty } from './regularizer.js';

/** Options of {@link L1}. */
export interface L1Options {
  /** The L1 factor (default 0.01). */
  l1?: number | null;
}

/**
 * The L1 penalty `l1 * sum(abs(x))`, as `keras.regularizers.L1` (string name `'l1'`).
 *
 * Arguments: `l1` — a non-negative factor (default 0.01).
 *
 * @example
 * new L1({ l1: 0.1 }).call(ops.tensor([-1, 2])); // 0.3
 */
export class L1 extends Regularizer {
  static override className = 'L1';
  readonly l1: number;

  constructor(options: L1Options = {}) {
    super();
    this.l1 = validatePenalty(options.l1 ?? 0.01, 'l1');
  }

  call(x: Tensor): Tensor {
    return tidy(() => ops.mul(ops.scalar(this.l1, x.dtype), ops.sum(ops.abs(x))));
  }

  override getConfig(): Record<string, unknown> {
    return { l1: this.l1 };
  }
}
