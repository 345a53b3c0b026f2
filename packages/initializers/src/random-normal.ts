import { random, type DataType, type Tensor } from '@strata/core';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';

/** Options of {@link RandomNormal}. */
export interface RandomNormalOptions extends RandomInitializerOptions {
  /** Mean of the values (default 0). */
  mean?: number;
  /** Standard deviation of the values (default 0.05). */
  stddev?: number;
}

/**
 * Draws from a normal distribution, as `keras.initializers.RandomNormal` (string name `'random_normal'` or Keras 2's
 * `'normal'`).
 *
 * Arguments: `mean` (default 0), `stddev` (default 0.05), `seed`.
 *
 * @example
 * new RandomNormal({ stddev: 1, seed: 7 }).call([2, 2]); // the same values on every call
 */
export class RandomNormal extends RandomInitializer {
  static override className = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;

  constructor(options: RandomNormalOptions = {}) {
    super(options);
    this.mean = options.mean ?? 0;
    this.stddev = options.stddev ?? 0.05;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    this.floatDtype(dtype);
    return random.normal(shape, { mean: this.mean, stddev: this.stddev, seed: this.seed });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mean: this.mean, stddev: this.stddev };
  }
}
