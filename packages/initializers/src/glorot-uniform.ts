import { VarianceScaling, type FanAxesOptions } from './variance-scaling.js';

/**
 * Glorot (Xavier) uniform, the default kernel initializer: values in `[-limit, limit]` with
 * `limit = sqrt(6 / (fanIn + fanOut))`, as `keras.initializers.GlorotUniform`:
 * `VarianceScaling` with scale 1, mode `'fan_avg'`, distribution `'uniform'`.
 *
 * Arguments: `seed`, `inputAxes`, `outputAxes`.
 *
 * @example
 * new GlorotUniform({ seed: 42 }).call([64, 32]);
 */
export class GlorotUniform extends VarianceScaling {
  static override className = 'GlorotUniform';

  constructor(options: FanAxesOptions = {}) {
    super({
      scale: 1, mode: 'fan_avg', distribution: 'uniform',
      seed: options.seed,
      inputAxes: options.inputAxes,
      outputAxes: options.outputAxes,
    });
  }

  override getConfig(): Record<string, unknown> {
    return this.fanAxesConfig();
  }
}
