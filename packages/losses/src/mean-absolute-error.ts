import { meanAbsoluteError } from './functions/regression.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Mean of absolute errors, as `keras.losses.MeanAbsoluteError`: `mean(abs(y_true - y_pred))` over the last axis, then reduced.
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'mean_absolute_error'`), `dtype`.
 *
 * @example
 * const loss = new MeanAbsoluteError();
 * loss.apply(yTrue, yPred); // a scalar
 * new MeanAbsoluteError({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class MeanAbsoluteError extends LossFunctionWrapper {
  static override className = 'MeanAbsoluteError';

  constructor(options: LossOptions = {}) {
    super({ fn: meanAbsoluteError, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'mean_absolute_error' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
