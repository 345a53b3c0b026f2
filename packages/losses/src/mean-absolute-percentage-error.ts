import { meanAbsolutePercentageError } from './functions/regression.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Mean absolute percentage error, as `keras.losses.MeanAbsolutePercentageError`: `100 * mean(abs((y_true - y_pred) / y_true))`.
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'mean_absolute_percentage_error'`), `dtype`.
 *
 * @example
 * const loss = new MeanAbsolutePercentageError();
 * loss.apply(yTrue, yPred); // a scalar
 * new MeanAbsolutePercentageError({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class MeanAbsolutePercentageError extends LossFunctionWrapper {
  static override className = 'MeanAbsolutePercentageError';

  constructor(options: LossOptions = {}) {
    super({ fn: meanAbsolutePercentageError, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'mean_absolute_percentage_error' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
