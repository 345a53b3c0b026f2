import type { CustomObjects, Tensor } from '@strata/core';
import {
  resolveLossFunction, serializeLossFunction, type LossFunction, type SerializedFunction,
} from './function-registry.js';
import { Loss, type LossOptions } from './loss.js';
import { squeezeOrExpandToSameRank } from './reduction.js';

/** Options of {@link LossFunctionWrapper}: the function, the `Loss` options, and the function's own options. */
export interface LossFunctionWrapperOptions extends LossOptions {
  /** The function, its registered name, or its serialized envelope. */
  fn: LossFunction | string | SerializedFunction;
  /** Keyword arguments passed to `fn` (`{ delta: 2 }` for `huber`), as in Keras' `**kwargs`. */
  [option: string]: unknown;
}

/**
 * A `Loss` around a loss function, as `keras.losses.LossFunctionWrapper`: `call` brings `y_true` and `y_pred` to
 * the same rank and calls `fn(yTrue, yPred, options)`. Every built-in loss class is one.
 *
 * @example
 * const loss = new LossFunctionWrapper({ fn: huber, delta: 2, reduction: 'sum' });
 * loss.apply(yTrue, yPred);
 */
export class LossFunctionWrapper extends Loss {
  static override className = 'LossFunctionWrapper';
  readonly fn: LossFunction;
  /** The options passed to `fn`. */
  readonly fnOptions: Record<string, unknown>;

  constructor(options: LossFunctionWrapperOptions, customObjects?: CustomObjects) {
    const { fn, name, reduction, dtype, ...fnOptions } = options;
    super({ name: name ?? 'loss_function_wrapper', reduction, dtype });
    this.fn = resolveLossFunction(fn, customObjects);
    this.fnOptions = fnOptions;
  }

  override call(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = squeezeOrExpandToSameRank(yTrue, yPred);
    return this.fn(t, p, this.fnOptions);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fn: serializeLossFunction(this.fn), ...this.fnOptions };
  }

  static override fromConfig<T extends Loss>(this: new (config?: any, customObjects?: CustomObjects) => T, config: Record<string, unknown>, customObjects?: CustomObjects): T {
    return new this(config, customObjects);
  }
}
