/**
 * `KerasVariable`: a layer's weight, as Keras' `backend.Variable`: a tfjs `Variable` plus the Keras metadata
 * (name, path, trainable, regularizer, constraint). Weights outlive `tidy` scopes; `dispose()` frees them.
 */
import { ops, ValueError, type DataType, type Tensor, type Variable } from '@strata/core';
import { isTracing } from './call-context.js';
import { shapeToString } from './shape.js';

/** Anything that maps a weight to a scalar penalty (`@strata/layers`' regularizers). */
export interface WeightRegularizer {
  call(x: Tensor): Tensor;
}

/** Anything that projects a weight after an optimizer update (`@strata/layers`' constraints). */
export interface WeightConstraint {
  call(w: Tensor): Tensor;
}

/** Options of a `KerasVariable`. */
export interface KerasVariableOptions {
  name: string;
  /** `<scope>/<name>`, as Keras' `variable.path`. */
  path: string;
  trainable?: boolean;
  regularizer?: WeightRegularizer | null;
  constraint?: WeightConstraint | null;
  overwriteWithGradient?: boolean;
}

/**
 * A layer weight. `value` is the tfjs Variable to compute with (`ops.matMul(x, layer.kernel.value)`); `assign`
 * writes a new value of the same shape.
 *
 * @example
 * const kernel = layer.addWeight({ name: 'kernel', shape: [4, 2], initializer: 'glorot_uniform' });
 * kernel.path; // 'dense/kernel'
 * kernel.assign(ops.zeros([4, 2]));
 */
export class KerasVariable {
  readonly name: string;
  readonly path: string;
  regularizer: WeightRegularizer | null;
  constraint: WeightConstraint | null;
  overwriteWithGradient: boolean;
  private readonly variable: Variable;
  private disposed = false;

  /** Wraps `initialValue` (its data is shared, not copied; the caller may dispose its own handle). */
  constructor(initialValue: Tensor, options: KerasVariableOptions) {
    this.name = options.name;
    this.path = options.path;
    this.regularizer = options.regularizer ?? null;
    this.constraint = options.constraint ?? null;
    this.overwriteWithGradient = options.overwriteWithGradient ?? false;
    this.variable = ops.variable(initialValue, options.trainable ?? true);
  }

  /** The tfjs Variable holding the value: use it in ops and pass it to `variableGrads`. */
  get value(): Variable {
    if (this.disposed) throw new ValueError(`Variable "${this.path}" has been disposed.`);
    return this.variable;
  }

  get shape(): number[] {
    return this.variable.shape;
  }

  get dtype(): DataType {
    return this.variable.dtype;
  }

  /** Whether the optimizer updates this variable. */
  get trainable(): boolean {
    return this.variable.trainable;
  }

  set trainable(value: boolean) {
    this.variable.trainable = value;
  }

  /** Writes a new value (same shape; cast to the variable's dtype). Ignored while the engine traces shapes. */
  assign(value: Tensor): void {
    if (isTracing()) return;
    if (value.shape.length !== this.shape.length || value.shape.some((d, i) => d !== this.shape[i])) {
      throw new ValueError(`Cannot assign a value of shape ${shapeToString(value.shape)} to variable "${this.path}" of shape ${shapeToString(this.shape)}.`);
    }
    if (value.dtype !== this.dtype) {
      const cast = ops.cast(value, this.dtype);
      this.value.assign(cast);
      cast.dispose();
    } else {
      this.value.assign(value);
    }
  }

  /** `assign(value + delta)`. */
  assignAdd(delta: Tensor): void {
    const next = ops.add(this.value, delta);
    this.assign(next);
    next.dispose();
  }

  /** `assign(value − delta)`. */
  assignSub(delta: Tensor): void {
    const next = ops.sub(this.value, delta);
    this.assign(next);
    next.dispose();
  }

  /** A copy of the current value (the caller owns it). */
  read(): Tensor {
    return ops.clone(this.value);
  }

  /** Frees the variable's memory. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variable.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  toString(): string {
    return `<KerasVariable path=${this.path}, shape=${shapeToString(this.shape)}, dtype=${this.dtype}>`;
  }
}
