import { squaredHinge } from './functions/hinge.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Squared hinge loss, as `keras.losses.SquaredHinge`: `mean(square(maximum(1 - y_true * y_pred, 0)))`; labels are -1 or 1 (0/1 labels are converted).
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'squared_hinge'`), `dtype`.
 *
 * @example
 * const loss = new SquaredHinge();
 * loss.apply(yTrue, yPred); // a scalar
 * new SquaredHinge({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class SquaredHinge extends LossFunctionWrapper {
  static override className = 'SquaredHinge';

  constructor(options: LossOptions = {}) {
    super({ fn: squaredHinge, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'squared_hinge' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
