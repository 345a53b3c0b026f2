import { random, type DataType, type Tensor } from '@strata/core';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';

/** Options of {@link TruncatedNormal}. */
export interface TruncatedNormalOptions extends RandomInitializerOptions {
  /** Mean of the values (default 0). */
  mean?: number;
  /** Standard deviation of the normal before truncation (default 0.05). */
  stddev?: number;
}

/**
 * Draws from a normal distribution and redraws values more than two standard deviations from the mean, as
 * `keras.initializers.TruncatedNormal`.
 *
 * Arguments: `mean` (default 0), `stddev` (default 0.05), `seed`.
 *
 * @example
 * new TruncatedNormal({ stddev: 0.02 }).call([768, 768]); // every value within ±0.04
 */
export class TruncatedNormal extends RandomInitializer {
  static override className = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;

  constructor(options: TruncatedNormalOptions = {}) {
    super(options);
    this.mean = options.mean ?? 0;
    this.stddev = options.stddev ?? 0.05;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    this.floatDtype(dtype);
    return random.truncatedNormal(shape, { mean: this.mean, stddev: this.stddev, seed: this.seed });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mean: this.mean, stddev: this.stddev };
  }
}
