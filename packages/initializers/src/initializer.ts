import type { DataType, Tensor } from '@strata/core';

/**
 * The base class of every initializer, as `keras.initializers.Initializer`: `call(shape, dtype)` returns a new tensor
 * of that shape; `getConfig()` returns the camelCase config that `fromConfig` (and `deserialize`) rebuild it from.
 * Subclasses set `static className` to their Keras class name (minifiers rename JS classes).
 *
 * @example
 * class Halves extends Initializer {
 *   static override className = 'Halves';
 *   call(shape: number[]) { return ops.fill(shape, 0.5); }
 * }
 * registerKerasSerializable(Halves, { package: 'MyApp' });
 */
export abstract class Initializer {
  static className = 'Initializer';

  /** A new tensor of `shape` (dtype defaults to `'float32'`). */
  abstract call(shape: number[], dtype?: DataType): Tensor;

  /** The camelCase config; `{}` for initializers without arguments. */
  getConfig(): Record<string, unknown> {
    return {};
  }

  /** Rebuilds an initializer from `getConfig()`'s output. */
  static fromConfig<T extends Initializer>(this: new (config?: any) => T, config: Record<string, unknown>): T {
    return new this(config);
  }

  /** A new initializer of the same class and config, as Keras' `clone()`. */
  clone(): this {
    const ctor = this.constructor as unknown as { fromConfig(config: Record<string, unknown>): Initializer };
    return ctor.fromConfig(this.getConfig()) as this;
  }
}
