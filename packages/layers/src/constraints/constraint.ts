import type { Tensor } from '@strata/core';

/**
 * The base class of weight constraints, as `keras.constraints.Constraint`: `call(w)` returns the projected weight
 * (normalised, clipped…) that the optimizer writes back after each update; `getConfig()` returns the camelCase config
 * `fromConfig` rebuilds it from. Subclasses set `static className` to their Keras class name.
 *
 * @example
 * class NonPositive extends Constraint {
 *   static override className = 'NonPositive';
 *   call(w: Tensor) { return ops.minimum(w, 0); }
 * }
 */
export abstract class Constraint {
  static className = 'Constraint';

  /** The projected weight (a new tensor). */
  abstract call(w: Tensor): Tensor;

  /** The camelCase config. */
  getConfig(): Record<string, unknown> {
    return {};
  }

  /** Rebuilds a constraint from `getConfig()`'s output. */
  static fromConfig<T extends Constraint>(this: new (config?: any) => T, config: Record<string, unknown>): T {
    return new this(config);
  }
}
