import { VarianceScaling, type FanAxesOptions } from './variance-scaling.js';

/**
 * LeCun uniform: values in `[-limit, limit]` with `limit = sqrt(3 / fanIn)`, as `keras.initializers.LecunUniform`:
 * `VarianceScaling` with scale 1, mode `'fan_in'`, distribution `'uniform'`.
 *
 * Arguments: `seed`, `inputAxes`, `outputAxes`.
 *
 * @example
 * new LecunUniform({ seed: 42 }).call([64, 32]);
 */
export class LecunUniform extends VarianceScaling {
  static override className = 'LecunUniform';

  constructor(options: FanAxesOptions = {}) {
    super({
      scale: 1, mode: 'fan_in', distribution: 'uniform',
      seed: options.seed,
      inputAxes: options.inputAxes,
      outputAxes: options.outputAxes,
    });
  }

  override getConfig(): Record<string, unknown> {
    return this.fanAxesConfig();
  }
}
