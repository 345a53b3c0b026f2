import { categoricalCrossentropy } from './functions/crossentropy.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyOptions extends LossOptions {
  /** Whether `y_pred` holds logits rather than probabilities. Defaults to false. */
  fromLogits?: boolean;
  /** In [0, 1]: labels are smoothed towards `1 / num_classes`. Defaults to 0. */
  labelSmoothing?: number;
  /** The class axis. Defaults to -1. */
  axis?: number;
}

/**
 * Crossentropy between one-hot labels and a predicted distribution, as `keras.losses.CategoricalCrossentropy`.
 * For integer labels use {@link SparseCategoricalCrossentropy}.
 *
 * Arguments: `fromLogits` (default false), `labelSmoothing` (default 0), `axis` (default -1), `reduction`,
 * `name` (default `'categorical_crossentropy'`), `dtype`.
 *
 * @example
 * const cce = new CategoricalCrossentropy({ labelSmoothing: 0.1 });
 * cce.apply(ops.tensor([[0, 1, 0]]), ops.tensor([[0.05, 0.9, 0.05]]));
 */
export class CategoricalCrossentropy extends LossFunctionWrapper {
  static override className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: CategoricalCrossentropyOptions = {}) {
    const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
    super({ fn: categoricalCrossentropy, fromLogits, labelSmoothing, axis, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'categorical_crossentropy' });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...Loss.prototype.getConfig.call(this), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
}
