import { ValueError, ops, standardizeDtype, tidy, type DataType, type Tensor } from '@strata/core';
import { lossMask } from './mask.js';
import { reduceWeightedValues, standardizeReduction, type Reduction } from './reduction.js';

/** Options every `Loss` takes. */
export interface LossOptions {
  /** The loss's name (shown in logs). Each class has a Keras default (`'mean_squared_error'`…). */
  name?: string;
  /** How per-sample values are reduced; see {@link Reduction}. Defaults to `'sum_over_batch_size'`. */
  reduction?: Reduction;
  /** The dtype of the computation. Defaults to `'float32'`. */
  dtype?: string | null;
}

/** `MeanSquaredError` → `mean_squared_error`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/**
 * The base class of every loss, as `keras.losses.Loss`. Subclasses implement `call(yTrue, yPred)`, returning
 * per-sample values; `apply(yTrue, yPred, sampleWeight?)` (Keras' `loss(y_true, y_pred, sample_weight)`) casts the
 * inputs to the loss dtype, calls `call`, weights the values and reduces them. Subclasses set `static className`.
 *
 * @example
 * class Cubed extends Loss {
 *   static override className = 'Cubed';
 *   call(yTrue: Tensor, yPred: Tensor) { return ops.mean(ops.abs(ops.pow(ops.sub(yTrue, yPred), 3)), -1); }
 * }
 * new Cubed().apply(yTrue, yPred); // a scalar
 */
export abstract class Loss {
  static className = 'Loss';
  readonly name: string;
  readonly reduction: Reduction;
  readonly dtype: DataType;

  constructor(options: LossOptions = {}) {
    const ctor = this.constructor as { className?: string; name: string };
    this.name = options.name ?? snakeCase(ctor.className ?? ctor.name);
    this.reduction = standardizeReduction(options.reduction);
    this.dtype = standardizeDtype(options.dtype ?? 'float32');
    if (this.dtype !== 'float32') throw new ValueError(`Loss "${this.name}": dtype must be a float type, received ${String(options.dtype)}.`);
  }

  /** Per-sample loss values (no reduction). Called by `apply` with inputs already cast to the loss dtype. */
  abstract call(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * The reduced loss: `call(yTrue, yPred)`, weighted by `sampleWeight` (a scalar, one weight per sample, or the
   * values' shape; Keras' squeeze/expand rules apply) and by `mask` (`true` = counted), then reduced.
   */
  apply(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | number | null, mask?: Tensor | null): Tensor {
    return tidy(() => {
      const t = yTrue.dtype === this.dtype ? yTrue : ops.cast(yTrue, this.dtype);
      const p = yPred.dtype === this.dtype ? yPred : ops.cast(yPred, this.dtype);
      const values = this.call(t, p);
      const outMask = lossMask(values);
      const merged = mask && outMask ? ops.logicalAnd(ops.cast(mask, 'bool'), ops.cast(outMask, 'bool')) : (mask ?? outMask);
      const weight = typeof sampleWeight === 'number' ? ops.scalar(sampleWeight) : (sampleWeight ?? null);
      return reduceWeightedValues(values, { sampleWeight: weight, mask: merged, reduction: this.reduction, lossName: this.name });
    });
  }

  /** The camelCase config: `{ name, reduction }` plus each subclass's arguments. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }

  /** Rebuilds a loss from `getConfig()`'s output. */
  static fromConfig<T extends Loss>(this: new (config?: any) => T, config: Record<string, unknown>): T {
    return new this(config);
  }
}
