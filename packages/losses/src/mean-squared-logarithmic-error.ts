import { meanSquaredLogarithmicError } from './functions/regression.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Mean squared logarithmic error, as `keras.losses.MeanSquaredLogarithmicError`: `mean(square(log(y_pred + 1) - log(y_true + 1)))`.
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'mean_squared_logarithmic_error'`), `dtype`.
 *
 * @example
 * const loss = new MeanSquaredLogarithmicError();
 * loss.apply(yTrue, yPred); // a scalar
 * new MeanSquaredLogarithmicError({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class MeanSquaredLogarithmicError extends LossFunctionWrapper {
  static override className = 'MeanSquaredLogarithmicError';

  constructor(options: LossOptions = {}) {
    super({ fn: meanSquaredLogarithmicError, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'mean_squared_logarithmic_error' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
