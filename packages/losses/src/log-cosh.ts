import { logCosh } from './functions/regression.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/**
 * Logarithm of the hyperbolic cosine of the prediction error, as `keras.losses.LogCosh` (about `x² / 2` for small errors, `|x| - log 2` for large ones).
 *
 * Arguments: `reduction` (default `'sum_over_batch_size'`), `name` (default `'log_cosh'`), `dtype`.
 *
 * @example
 * const loss = new LogCosh();
 * loss.apply(yTrue, yPred); // a scalar
 * new LogCosh({ reduction: 'none' }).apply(yTrue, yPred); // one value per sample
 */
export class LogCosh extends LossFunctionWrapper {
  static override className = 'LogCosh';

  constructor(options: LossOptions = {}) {
    super({ fn: logCosh, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'log_cosh' });
  }

  override getConfig(): Record<string, unknown> {
    return Loss.prototype.getConfig.call(this);
  }
}
