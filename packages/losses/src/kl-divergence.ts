import { klDivergence } from './functions/probabilistic.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Kullback-Leibler divergence, as `keras.losses.KLDivergence`: `sum(y_true * log(y_true / y_pred))` over the last axis.
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'kl_divergence'`), `dtype`.
 *
 * @example
 * const loss = new KLDivergence();
 * loss.apply(yTrue, yPred); // a scalar
 * new KLDivergence({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class KLDivergence extends LossFunctionWrapper {
  static override className = 'KLDivergence';

  constructor(options: LossOptions = {}) {
    super({ fn: klDivergence, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'kl_divergence' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
