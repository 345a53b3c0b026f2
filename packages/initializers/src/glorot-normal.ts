import { VarianceScaling, type FanAxesOptions } from './variance-scaling.js';

/**
 * Glorot (Xavier) normal: a normal truncated to ±2σ with `stddev = sqrt(2 / (fanIn + fanOut))`, as `keras.initializers.GlorotNormal`:
 * `VarianceScaling` with scale 1, mode `'fan_avg'`, distribution `'truncated_normal'`.
 *
 * Arguments: `seed`, `inputAxes`, `outputAxes`.
 *
 * @example
 * new GlorotNormal({ seed: 42 }).call([64, 32]);
 */
export class GlorotNormal extends VarianceScaling {
  static override className = 'GlorotNormal';

  constructor(options: FanAxesOptions = {}) {
    super({
      scale: 1, mode: 'fan_avg', distribution: 'truncated_normal',
      seed: options.seed,
      inputAxes: options.inputAxes,
      outputAxes: options.outputAxes,
    });
  }

  override getConfig(): Record<string, unknown> {
    return this.fanAxesConfig();
  }
}
