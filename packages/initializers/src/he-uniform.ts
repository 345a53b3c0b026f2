import { VarianceScaling, type FanAxesOptions } from './variance-scaling.js';

/**
 * He uniform: values in `[-limit, limit]` with `limit = sqrt(6 / fanIn)`, as `keras.initializers.HeUniform`:
 * `VarianceScaling` with scale 2, mode `'fan_in'`, distribution `'uniform'`.
 *
 * Arguments: `seed`, `inputAxes`, `outputAxes`.
 *
 * @example
 * new HeUniform({ seed: 42 }).call([64, 32]);
 */
export class HeUniform extends VarianceScaling {
  static override className = 'HeUniform';

  constructor(options: FanAxesOptions = {}) {
    super({
      scale: 2, mode: 'fan_in', distribution: 'uniform',
      seed: options.seed,
      inputAxes: options.inputAxes,
      outputAxes: options.outputAxes,
    });
  }

  override getConfig(): Record<string, unknown> {
    return this.fanAxesConfig();
  }
}
