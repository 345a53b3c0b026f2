/**
 * What the optimizer accepts as a model variable, and the adapter that reads the two accepted forms the same way:
 * a tfjs `Variable` as is, or a wrapper `{ value: Variable, name, path?, trainable?, constraint? }` (the layer engine's
 * variables look like this, as do the optimizer's own {@link OptimizerVariable}s).
 */
import { Variable, type Tensor } from '@strata/core';

/** A constraint applied after each update, as a Keras variable's `constraint`: a function or a `{ call }` object. */
export type ConstraintLike = ((value: Tensor) => Tensor) | { call(value: Tensor): Tensor };

/** A model variable wrapped with Keras' metadata. */
export interface VariableWrapper {
  /** The tfjs variable holding the value; the optimizer assigns to it. */
  readonly value: Variable;
  /** The variable's own name (`kernel`); weight-decay exclusion by name matches against it. */
  readonly name: string;
  /** Keras' path (`sequential/dense/kernel`); slot names are derived from it (`sequential_dense_kernel_momentum`). */
  readonly path?: string;
  readonly trainable?: boolean;
  /** Applied to the variable after each update, as in Keras. */
  readonly constraint?: ConstraintLike | null;
  /** Keras' `overwrite_with_gradient`: the gradient is assigned as the new value, no optimizer state is kept. */
  readonly overwriteWithGradient?: boolean;
}

/** A model variable as the optimizer accepts it: a tfjs `Variable` or a {@link VariableWrapper}. */
export type VariableLike = Variable | VariableWrapper;

/** The adapter's view of a model variable. */
export interface ResolvedVariable {
  /** What the caller passed. */
  readonly source: VariableLike;
  /** The tfjs variable to read and assign; it is also the identity the optimizer tracks. */
  readonly variable: Variable;
  readonly name: string;
  /** `path` when known, else `name`: what errors and warnings show. */
  readonly label: string;
  /** Keras' slot-name prefix: the path with `/` → `_`, or the name with `/` and `:` → `_` when there is no path. */
  readonly slotPrefix: string;
  readonly constraint: ConstraintLike | null;
  readonly overwriteWithGradient: boolean;
}

/** Whether `x` is a tfjs `Variable` (tfjs' own duck-typed `instanceof`). */
export function isTfVariable(x: unknown): x is Variable {
  return x instanceof Variable;
}

/**
 * Reads either accepted form of a model variable.
 *
 * @example
 * resolveVariable(variable(ops.zeros([2]), true, 'w')).slotPrefix; // 'w'
 * resolveVariable({ value: v, name: 'kernel', path: 'dense/kernel' }).slotPrefix; // 'dense_kernel'
 */
export function resolveVariable(v: VariableLike): ResolvedVariable {
  if (isTfVariable(v)) {
    const name = String(v.name);
    return {
      source: v, variable: v, name, label: name, slotPrefix: name.replace(/[/:]/g, '_'), constraint: null, overwriteWithGradient: false,
    };
  }
  if (v && typeof v === 'object' && isTfVariable((v as VariableWrapper).value)) {
    const w = v as VariableWrapper;
    const name = String(w.name ?? w.value.name);
    const path = w.path ?? undefined;
    return {
      source: v,
      variable: w.value,
      name,
      label: path ?? name,
      slotPrefix: path !== undefined ? path.replace(/\//g, '_') : name.replace(/[/:]/g, '_'),
      constraint: w.constraint ?? null,
      overwriteWithGradient: w.overwriteWithGradient === true,
    };
  }
  throw new TypeError(
    `Expected a model variable: a tfjs Variable or an object { value: Variable, name, path? }. Received: ${describe(v)}.`,
  );
}

/** Applies a {@link ConstraintLike}. */
export function applyConstraint(constraint: ConstraintLike, value: Tensor): Tensor {
  return typeof constraint === 'function' ? constraint(value) : constraint.call(value);
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') return `an object with keys [${Object.keys(x).join(', ')}]`;
  return `${typeof x} ${String(x)}`;
}
