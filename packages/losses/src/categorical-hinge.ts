import { categoricalHinge } from './functions/hinge.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Categorical hinge loss, as `keras.losses.CategoricalHinge`: `maximum(neg - pos + 1, 0)` with `pos = sum(y_true * y_pred)`, `neg = max((1 - y_true) * y_pred)`.
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'categorical_hinge'`), `dtype`.
 *
 * @example
 * const loss = new CategoricalHinge();
 * loss.apply(yTrue, yPred); // a scalar
 * new CategoricalHinge({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class CategoricalHinge extends LossFunctionWrapper {
  static override className = 'CategoricalHinge';

  constructor(options: LossOptions = {}) {
    super({ fn: categoricalHinge, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'categorical_hinge' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
