/**
 * `constraints`: Keras' weight constraints, with the `get` / `serialize` / `deserialize` trio over Keras 3's class
 * names, snake_case names and camelCase forms (`'max_norm'`, `'min_max_norm'`, `'non_neg'`, `'unit_norm'`).
 * Registering the built-ins happens when this module loads.
 *
 * @example
 * import { constraints } from '@strata/layers';
 * const c = constraints.get('max_norm'); // MaxNorm { maxValue: 2, axis: 0 }
 * constraints.serialize(c); // { module: 'keras.constraints', className: 'MaxNorm', config: { maxValue: 2, axis: 0 }, registeredName: null }
 */
import { Registry, ValueError, serialization, type CustomObjects, type SerializedObject } from '@strata/core';
import { Constraint } from './constraint.js';
import { FunctionConstraint, type ConstraintFunction } from './function-constraint.js';
import { MaxNorm } from './max-norm.js';
import { MinMaxNorm } from './min-max-norm.js';
import { NonNeg } from './non-neg.js';
import { UnitNorm } from './unit-norm.js';

export { Constraint } from './constraint.js';
export { FunctionConstraint } from './function-constraint.js';
export type { ConstraintFunction } from './function-constraint.js';
export { MaxNorm } from './max-norm.js';
export type { MaxNormOptions } from './max-norm.js';
export { MinMaxNorm } from './min-max-norm.js';
export type { MinMaxNormOptions } from './min-max-norm.js';
export { NonNeg } from './non-neg.js';
export { UnitNorm } from './unit-norm.js';
export type { UnitNormOptions } from './unit-norm.js';
export type { NormAxis } from './norms.js';

/** The constraints namespace's registry (`kind: 'constraint'`, module `keras.constraints`). */
export const registry = new Registry<Constraint>({ kind: 'constraint', module: 'keras.constraints' });
registry.registerClass(MaxNorm);
registry.registerClass(MinMaxNorm);
registry.registerClass(NonNeg);
registry.registerClass(UnitNorm);

/** Anything `get` resolves to a constraint. */
export type ConstraintIdentifier = string | Constraint | SerializedObject | ConstraintFunction;

/**
 * Resolves an identifier to a constraint, as `keras.constraints.get`: a name (`'max_norm'`, `'maxNorm'`, `'MaxNorm'`,
 * `'non_neg'`…) gives a new instance with default arguments; a config envelope is deserialized; an instance is
 * returned as is; a function is wrapped. `null`/`undefined` give `null`.
 *
 * @example
 * constraints.get({ className: 'UnitNorm', config: { axis: [0, 1, 2] } });
 */
export function get(identifier: ConstraintIdentifier, customObjects?: CustomObjects): Constraint;
export function get(identifier: ConstraintIdentifier | null | undefined, customObjects?: CustomObjects): Constraint | null;
export function get(identifier: ConstraintIdentifier | null | undefined, customObjects?: CustomObjects): Constraint | null {
  if (identifier == null) return null;
  if (identifier instanceof Constraint) return identifier;
  if (typeof identifier === 'function') return new FunctionConstraint(identifier);
  if (typeof identifier === 'object' && identifier.className === 'function') {
    // Keras writes a registered function as { class_name: 'function', config: <name>, registered_name: <name> }.
    const name = identifier.registeredName ?? (typeof identifier.config === 'string' ? identifier.config : '');
    return get(name, customObjects);
  }
  const out: unknown = registry.get(identifier, customObjects);
  if (typeof out === 'function') return new FunctionConstraint(out as ConstraintFunction);
  // Duck-typed objects with a `call` method (another copy of this package, a hand-written object) are accepted.
  if (!(out instanceof Constraint) && typeof (out as { call?: unknown } | null)?.call !== 'function') {
    throw new ValueError(`Could not interpret constraint identifier: ${JSON.stringify(identifier)}. Expected a name, a config or a Constraint.`);
  }
  return out as Constraint;
}

/**
 * The config envelope of a constraint, as `keras.constraints.serialize`.
 *
 * @example
 * constraints.serialize(new NonNeg()); // { module: 'keras.constraints', className: 'NonNeg', config: {}, registeredName: null }
 */
export function serialize(constraint: Constraint): SerializedObject {
  if (constraint instanceof FunctionConstraint) {
    const name = serialization.getRegisteredName(constraint.fn);
    if (!name) throw new ValueError('Cannot serialize a constraint function that is not registered: use registerKerasSerializable(fn).');
    // Keras writes a function as { class_name: 'function', config: <registered name>, registered_name }.
    return { module: null, className: 'function', config: name as unknown as Record<string, unknown>, registeredName: name };
  }
  const out = registry.serialize(constraint);
  if (out === null || typeof out === 'string') throw new ValueError(`Cannot serialize constraint ${String(constraint)}.`);
  return out;
}

/**
 * Rebuilds a constraint from a name or a config envelope, as `keras.constraints.deserialize`.
 *
 * @example
 * constraints.deserialize({ className: 'MinMaxNorm', config: { minValue: 0.5, maxValue: 2 } });
 */
export function deserialize(config: SerializedObject | string, customObjects?: CustomObjects): Constraint {
  return get(config, customObjects);
}
