import { ValueError, camelToSnake, random, type DataType, type Tensor } from '@strata/core';
import { computeFans } from './compute-fans.js';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type VarianceScalingDistribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

/** The standard deviation of a unit normal truncated to ±2, which Keras divides by so the result has `stddev`. */
export const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

const MODES: readonly FanMode[] = ['fan_in', 'fan_out', 'fan_avg'];
const DISTRIBUTIONS: readonly VarianceScalingDistribution[] = ['truncated_normal', 'untruncated_normal', 'uniform'];

/** Options of the fixed-scale subclasses (`GlorotUniform`, `HeNormal`…). */
export interface FanAxesOptions extends RandomInitializerOptions {
  /** Axes whose sizes multiply into fan-in (with `outputAxes`; default: Keras' rule by rank). */
  inputAxes?: number[] | null;
  /** Axes whose sizes multiply into fan-out (with `inputAxes`). */
  outputAxes?: number[] | null;
}

/** Options of {@link VarianceScaling}. */
export interface VarianceScalingOptions extends FanAxesOptions {
  /** Positive scaling factor (default 1). */
  scale?: number;
  /** `'fan_in'` (default), `'fan_out'` or `'fan_avg'` (camelCase accepted). */
  mode?: FanMode | 'fanIn' | 'fanOut' | 'fanAvg';
  /**
   * `'truncated_normal'` (default), `'untruncated_normal'` or `'uniform'`; Keras 2's `'normal'` means
   * `'truncated_normal'`.
   */
  distribution?: VarianceScalingDistribution | 'normal' | 'truncatedNormal' | 'untruncatedNormal';
}

/**
 * Scales its distribution to the weight's shape, as `keras.initializers.VarianceScaling`. With `n` the fan-in, the
 * fan-out or their mean (by `mode`, at least 1), normal distributions get `stddev = sqrt(scale / n)` (after
 * truncation to ±2σ for `'truncated_normal'`) and `'uniform'` draws from `[-limit, limit]`,
 * `limit = sqrt(3 * scale / n)`.
 *
 * Arguments: `scale`, `mode`, `distribution`, `seed`, `inputAxes`, `outputAxes`.
 *
 * @example
 * const init = new VarianceScaling({ scale: 0.1, mode: 'fan_in', distribution: 'uniform' });
 * init.call([64, 32]); // values in [-sqrt(0.3 / 64), sqrt(0.3 / 64))
 */
export class VarianceScaling extends RandomInitializer {
  static override className = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: VarianceScalingDistribution;
  readonly inputAxes: number[] | null;
  readonly outputAxes: number[] | null;

  constructor(options: VarianceScalingOptions = {}) {
    super(options);
    const scale = options.scale ?? 1;
    if (!(scale > 0)) throw new ValueError(`Argument \`scale\` must be positive float. Received: scale=${scale}.`);
    const mode = camelToSnake(options.mode ?? 'fan_in') as FanMode;
    if (!MODES.includes(mode)) throw new ValueError(`Invalid \`mode\` argument: ${options.mode}. Expected one of ${MODES.join(', ')}.`);
    let distribution = camelToSnake(options.distribution ?? 'truncated_normal').toLowerCase();
    if (distribution === 'normal') distribution = 'truncated_normal';
    if (!DISTRIBUTIONS.includes(distribution as VarianceScalingDistribution)) {
      throw new ValueError(`Invalid \`distribution\` argument: ${options.distribution}. Expected one of ${DISTRIBUTIONS.join(', ')} (or 'normal').`);
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution as VarianceScalingDistribution;
    this.inputAxes = options.inputAxes ?? null;
    this.outputAxes = options.outputAxes ?? null;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    this.floatDtype(dtype);
    const { fanIn, fanOut } = computeFans(shape, this.inputAxes, this.outputAxes);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const scale = this.scale / Math.max(1, n);
    if (this.distribution === 'truncated_normal') {
      return random.truncatedNormal(shape, { mean: 0, stddev: Math.sqrt(scale) / TRUNCATED_NORMAL_STDDEV, seed: this.seed });
    }
    if (this.distribution === 'untruncated_normal') {
      return random.normal(shape, { mean: 0, stddev: Math.sqrt(scale), seed: this.seed });
    }
    const limit = Math.sqrt(3 * scale);
    return random.uniform(shape, { minval: -limit, maxval: limit, seed: this.seed });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      inputAxes: this.inputAxes,
      outputAxes: this.outputAxes,
    };
  }

  /** The config of a fixed-scale subclass: only what its constructor takes. */
  protected fanAxesConfig(): Record<string, unknown> {
    return { seed: this.seedConfig(), inputAxes: this.inputAxes, outputAxes: this.outputAxes };
  }
}
