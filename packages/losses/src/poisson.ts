import { poisson } from './functions/probabilistic.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Poisson loss, as `keras.losses.Poisson`: `mean(y_pred - y_true * log(y_pred))` over the last axis.
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'poisson'`), `dtype`.
 *
 * @example
 * const loss = new Poisson();
 * loss.apply(yTrue, yPred); // a scalar
 * new Poisson({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class Poisson extends LossFunctionWrapper {
  static override className = 'Poisson';

  constructor(options: LossOptions = {}) {
    super({ fn: poisson, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'poisson' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
