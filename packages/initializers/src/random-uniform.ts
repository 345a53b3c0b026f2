import { random, type DataType, type Tensor } from '@strata/core';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';

/** Options of {@link RandomUniform}. */
export interface RandomUniformOptions extends RandomInitializerOptions {
  /** Lower bound, inclusive (default -0.05). */
  minval?: number;
  /** Upper bound, exclusive (default 0.05). */
  maxval?: number;
}

/**
 * Draws uniformly from `[minval, maxval)`, as `keras.initializers.RandomUniform` (string name `'random_uniform'` or
 * Keras 2's `'uniform'`).
 *
 * Arguments: `minval` (default -0.05), `maxval` (default 0.05), `seed`.
 *
 * @example
 * new RandomUniform({ minval: -1, maxval: 1, seed: 3 }).call([3]);
 */
export class RandomUniform extends RandomInitializer {
  static override className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;

  constructor(options: RandomUniformOptions = {}) {
    super(options);
    this.minval = options.minval ?? -0.05;
    this.maxval = options.maxval ?? 0.05;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    this.floatDtype(dtype);
    return random.uniform(shape, { minval: this.minval, maxval: this.maxval, seed: this.seed });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), minval: this.minval, maxval: this.maxval };
  }
}
