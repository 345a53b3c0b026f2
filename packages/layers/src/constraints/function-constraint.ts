import { Tensor, ValueError } from '@strata/core';
import { Constraint } from './constraint.js';

/** A plain function used as a constraint: weight → projected weight. */
export type ConstraintFunction = (w: Tensor) => Tensor;

/**
 * Wraps a function `(w) => w'` so it can be passed wherever a constraint is expected, as Keras accepts any callable.
 * It serializes only when the function is registered with `registerKerasSerializable`.
 *
 * @example
 * const clip = constraints.get((w) => ops.clipByValue(w, -1, 1));
 */
export class FunctionConstraint extends Constraint {
  static override className = 'FunctionConstraint';
  readonly fn: ConstraintFunction;

  constructor(fn: ConstraintFunction) {
    super();
    if (typeof fn !== 'function') throw new ValueError(`FunctionConstraint expects a function (w) => Tensor; received ${typeof fn}.`);
    this.fn = fn;
  }

  call(w: Tensor): Tensor {
    const out = this.fn(w);
    if (!(out instanceof Tensor)) {
      throw new ValueError(`The constraint function ${this.fn.name || '(anonymous)'} must return a Tensor; received ${typeof out}.`);
    }
    return out;
  }
}
