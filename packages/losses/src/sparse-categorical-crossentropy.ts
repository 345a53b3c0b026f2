import { sparseCategoricalCrossentropy } from './functions/crossentropy.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyOptions extends LossOptions {
  /** Whether `y_pred` holds logits rather than probabilities. Defaults to false. */
  fromLogits?: boolean;
  /** A label that contributes no loss; the reduction averages over the other positions. Defaults to none. */
  ignoreClass?: number | null;
  /** The class axis of `y_pred`. Defaults to -1. */
  axis?: number;
}

/**
 * Crossentropy between integer labels and a predicted distribution, as
 * `keras.losses.SparseCategoricalCrossentropy`. Labels have `y_pred`'s shape without the class axis (or with a
 * trailing 1); int32 or float labels both work.
 *
 * Arguments: `fromLogits` (default false), `ignoreClass` (default null), `axis` (default -1), `reduction`,
 * `name` (default `'sparse_categorical_crossentropy'`), `dtype`. `getConfig()` also records `axis`, which Keras 3
 * drops (Keras reads it back fine).
 *
 * @example
 * const scce = new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 0 });
 * scce.apply(ops.tensor([2, 0, 1], undefined, 'int32'), logits); // averages over the two labels that are not 0
 */
export class SparseCategoricalCrossentropy extends LossFunctionWrapper {
  static override className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;
  readonly axis: number;

  constructor(options: SparseCategoricalCrossentropyOptions = {}) {
    const { fromLogits = false, ignoreClass = null, axis = -1 } = options;
    super({ fn: sparseCategoricalCrossentropy, fromLogits, ignoreClass, axis, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'sparse_categorical_crossentropy' });
    this.fromLogits = fromLogits;
    this.ignoreClass = ignoreClass;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...Loss.prototype.getConfig.call(this), fromLogits: this.fromLogits, ignoreClass: this.ignoreClass, axis: this.axis };
  }
}
