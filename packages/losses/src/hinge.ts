import { hinge } from './functions/hinge.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Hinge loss, as `keras.losses.Hinge`: `mean(maximum(1 - y_true * y_pred, 0))`; labels are -1 or 1 (0/1 labels are converted).
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'hinge'`), `dtype`.
 *
 * @example
 * const loss = new Hinge();
 * loss.apply(yTrue, yPred); // a scalar
 * new Hinge({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class Hinge extends LossFunctionWrapper {
  static override className = 'Hinge';

  constructor(options: LossOptions = {}) {
    super({ fn: hinge, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'hinge' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
