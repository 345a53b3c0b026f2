import { ValueError, type Tensor } from '@strata/core';

/**
 * The base class of weight and activity regularizers, as `keras.regularizers.Regularizer`: `call(x)` returns the
 * scalar penalty a layer adds to its losses; `getConfig()` returns the camelCase config `fromConfig` rebuilds it
 * from. Subclasses set `static className` to their Keras class name.
 *
 * @example
 * class L2Half extends Regularizer {
 *   static override className = 'L2Half';
 *   call(x: Tensor) { return ops.mul(0.5, ops.sum(ops.square(x))); }
 * }
 */
export abstract class Regularizer {
  static className = 'Regularizer';

  /** The scalar penalty for `x`. */
  abstract call(x: Tensor): Tensor;

  /** The camelCase config. */
  getConfig(): Record<string, unknown> {
    return {};
  }

  /** Rebuilds a regularizer from `getConfig()`'s output. */
  static fromConfig<T extends Regularizer>(this: new (config?: any) => T, config: Record<string, unknown>): T {
    return new this(config);
  }
}

/** A non-negative finite number, or an error naming the argument, as Keras' `validate_float_arg`. */
export function validatePenalty(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`Invalid value for argument ${name}: expected a non-negative float. Received: ${name}=${JSON.stringify(value) ?? String(value)}.`);
  }
  return value;
}
