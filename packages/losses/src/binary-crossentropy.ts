import { binaryCrossentropy } from './functions/crossentropy.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyOptions extends LossOptions {
  /** Whether `y_pred` holds logits rather than probabilities. Defaults to false. */
  fromLogits?: boolean;
  /** In [0, 1]: labels are smoothed towards 0.5. Defaults to 0. */
  labelSmoothing?: number;
  /** The axis the mean runs along. Defaults to -1. */
  axis?: number;
}

/**
 * Crossentropy between binary labels (0 or 1) and predicted probabilities (or logits), as
 * `keras.losses.BinaryCrossentropy`. Probabilities are clipped to `[1e-7, 1 - 1e-7]`.
 *
 * Arguments: `fromLogits` (default false), `labelSmoothing` (default 0), `axis` (default -1), `reduction`,
 * `name` (default `'binary_crossentropy'`), `dtype`.
 *
 * @example
 * const bce = new BinaryCrossentropy({ fromLogits: true });
 * bce.apply(ops.tensor([[0, 1]]), ops.tensor([[-2, 3]])); // a scalar
 */
export class BinaryCrossentropy extends LossFunctionWrapper {
  static override className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: BinaryCrossentropyOptions = {}) {
    const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
    super({ fn: binaryCrossentropy, fromLogits, labelSmoothing, axis, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'binary_crossentropy' });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...Loss.prototype.getConfig.call(this), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
}
