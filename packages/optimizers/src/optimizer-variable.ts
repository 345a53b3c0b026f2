import { type DataType, type Tensor, type Variable } from '@strata/core';

/**
 * One piece of optimizer state (the iteration counter, the learning rate, a slot such as Adam's `momentum`), with
 * Keras' `name` and `path` (`adam/dense_kernel_momentum`). `value` is the tfjs variable; it belongs to the optimizer
 * (`optimizer.dispose()` frees it). It has the shape of a {@link VariableWrapper}, so the saving code can treat model
 * and optimizer variables alike.
 *
 * @example
 * const opt = new Adam();
 * opt.build([w]);
 * opt.variables.map((v) => v.path); // ['adam/iteration', 'adam/learning_rate', 'adam/w_momentum', 'adam/w_velocity']
 */
export class OptimizerVariable {
  readonly trainable = false;

  constructor(
    /** The tfjs variable that holds the value. */
    readonly value: Variable,
    /** Keras' variable name (`dense_kernel_momentum`). */
    readonly name: string,
    /** Keras' path: `<optimizer name>/<name>`. */
    readonly path: string,
  ) {}

  get shape(): number[] {
    return this.value.shape;
  }

  get dtype(): DataType {
    return this.value.dtype;
  }

  /** Writes a new value (same shape and dtype). */
  assign(value: Tensor): void {
    this.value.assign(value);
  }
}
