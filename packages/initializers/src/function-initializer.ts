import { Tensor, ValueError, type DataType } from '@strata/core';
import { Initializer } from './initializer.js';

/** A plain function used as an initializer: `(shape, dtype) => Tensor`. */
export type InitializerFunction = (shape: number[], dtype?: DataType) => Tensor;

/**
 * Wraps a function `(shape, dtype) => Tensor` so it can be passed wherever an initializer is expected, as Keras
 * accepts any callable. It serializes only when the function is registered with `registerKerasSerializable`.
 *
 * @example
 * const init = initializers.get((shape) => ops.fill(shape, 3));
 */
export class FunctionInitializer extends Initializer {
  static override className = 'FunctionInitializer';
  readonly fn: InitializerFunction;

  constructor(fn: InitializerFunction) {
    super();
    if (typeof fn !== 'function') throw new ValueError(`FunctionInitializer expects a function (shape, dtype) => Tensor; received ${typeof fn}.`);
    this.fn = fn;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    const out = this.fn(shape, dtype);
    if (!(out instanceof Tensor)) {
      throw new ValueError(`The initializer function ${this.fn.name || '(anonymous)'} must return a Tensor; received ${typeof out}.`);
    }
    return out;
  }
}
