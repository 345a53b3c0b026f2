import { Tensor, ValueError } from '@strata/core';
import { Regularizer } from './regularizer.js';

/** A plain function used as a regularizer: weight → scalar penalty. */
export type RegularizerFunction = (x: Tensor) => Tensor;

/**
 * Wraps a function `(x) => scalar` so it can be passed wherever a regularizer is expected, as Keras accepts any
 * callable. It serializes only when the function is registered with `registerKerasSerializable`.
 *
 * @example
 * const reg = regularizers.get((w) => ops.mul(0.01, ops.sum(ops.abs(w))));
 */
export class FunctionRegularizer extends Regularizer {
  static override className = 'FunctionRegularizer';
  readonly fn: RegularizerFunction;

  constructor(fn: RegularizerFunction) {
    super();
    if (typeof fn !== 'function') throw new ValueError(`FunctionRegularizer expects a function (x) => Tensor; received ${typeof fn}.`);
    this.fn = fn;
  }

  call(x: Tensor): Tensor {
    const out = this.fn(x);
    if (!(out instanceof Tensor)) {
      throw new ValueError(`The regularizer function ${this.fn.name || '(anonymous)'} must return a Tensor; received ${typeof out}.`);
    }
    return out;
  }
}
