import { VarianceScaling, type FanAxesOptions } from './variance-scaling.js';

/**
 * LeCun normal: a normal truncated to ±2σ with `stddev = sqrt(1 / fanIn)`, as `keras.initializers.LecunNormal`:
 * `VarianceScaling` with scale 1, mode `'fan_in'`, distribution `'truncated_normal'`.
 *
 * Arguments: `seed`, `inputAxes`, `outputAxes`.
 *
 * @example
 * new LecunNormal({ seed: 42 }).call([64, 32]);
 */
export class LecunNormal extends VarianceScaling {
  static override className = 'LecunNormal';

  constructor(options: FanAxesOptions = {}) {
    super({
      scale: 1, mode: 'fan_in', distribution: 'truncated_normal',
      seed: options.seed,
      inputAxes: options.inputAxes,
      outputAxes: options.outputAxes,
    });
  }

  override getConfig(): Record<string, unknown> {
    return this.fanAxesConfig();
  }
}
