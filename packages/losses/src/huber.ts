import { huber } from './functions/regression.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/** Options of {@link Huber}. */
export interface HuberOptions extends LossOptions {
  /** Where the loss changes from quadratic to linear. Defaults to 1. */
  delta?: number;
}

/**
 * Huber loss, as `keras.losses.Huber`: quadratic for errors up to `delta`, linear beyond.
 *
 * Arguments: `delta` (default 1), `reduction`, `name` (default `'huber_loss'`), `dtype`. `getConfig()` also
 * records `delta`, which Keras 3 drops (Keras reads it back fine).
 *
 * @example
 * new Huber({ delta: 0.5 }).apply(yTrue, yPred);
 */
export class Huber extends LossFunctionWrapper {
  static override className = 'Huber';
  readonly delta: number;

  constructor(options: HuberOptions = {}) {
    const delta = options.delta ?? 1;
    super({ fn: huber, delta, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'huber_loss' });
    this.delta = delta;
  }

  override getConfig(): Record<string, unknown> {
    return { ...Loss.prototype.getConfig.call(this), delta: this.delta };
  }
}
