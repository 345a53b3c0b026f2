import { meanSquaredError } from './functions/regression.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Mean of squares of errors between labels and predictions, as `keras.losses.MeanSquaredError`: `mean(square(y_true - y_pred))` over the last axis, then reduced.
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'mean_squared_error'`), `dtype`.
 *
 * @example
 * const loss = new MeanSquaredError();
 * loss.apply(yTrue, yPred); // a scalar
 * new MeanSquaredError({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class MeanSquaredError extends LossFunctionWrapper {
  static override className = 'MeanSquaredError';

  constructor(options: LossOptions = {}) {
    super({ fn: meanSquaredError, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'mean_squared_error' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
