import { VarianceScaling, type FanAxesOptions } from './variance-scaling.js';

/**
 * He normal: a normal truncated to ±2σ with `stddev = sqrt(2 / fanIn)`, as `keras.initializers.HeNormal`:
 * `VarianceScaling` with scale 2, mode `'fan_in'`, distribution `'truncated_normal'`.
 *
 * Arguments: `seed`, `inputAxes`, `outputAxes`.
 *
 * @example
 * new HeNormal({ seed: 42 }).call([64, 32]);
 */
export class HeNormal extends VarianceScaling {
  static override className = 'HeNormal';

  constructor(options: FanAxesOptions = {}) {
    super({
      scale: 2, mode: 'fan_in', distribution: 'truncated_normal',
      seed: options.seed,
      inputAxes: options.inputAxes,
      outputAxes: options.outputAxes,
    });
  }

  override getConfig(): Record<string, unknown> {
    return this.fanAxesConfig();
  }
}
