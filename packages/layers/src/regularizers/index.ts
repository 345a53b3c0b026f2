/**
 * `regularizers`: Keras' weight and activity penalties, with the `get` / `serialize` / `deserialize` trio over Keras 3's
 * class names, snake_case names and camelCase forms (`'l1'`, `'l2'`, `'l1_l2'`, `'orthogonal_regularizer'`).
 * Registering the built-ins happens when this module loads.
 *
 * @example
 * import { regularizers } from '@strata/layers';
 * const reg = regularizers.get('l2'); // L2 with l2 = 0.01
 * regularizers.serialize(reg); // { module: 'keras.regularizers', className: 'L2', config: { l2: 0.01 }, registeredName: null }
 */
import { Registry, ValueError, serialization, type CustomObjects, type SerializedObject } from '@strata/core';
import { FunctionRegularizer, type RegularizerFunction } from './function-regularizer.js';
import { L1 } from './l1.js';
import { L1L2 } from './l1-l2.js';
import { L2 } from './l2.js';
import { OrthogonalRegularizer } from './orthogonal-regularizer.js';
import { Regularizer } from './regularizer.js';

export { Regularizer } from './regularizer.js';
export { FunctionRegularizer } from './function-regularizer.js';
export type { RegularizerFunction } from './function-regularizer.js';
export { L1 } from './l1.js';
export type { L1Options } from './l1.js';
export { L2 } from './l2.js';
export type { L2Options } from './l2.js';
export { L1L2 } from './l1-l2.js';
export type { L1L2Options } from './l1-l2.js';
export { OrthogonalRegularizer } from './orthogonal-regularizer.js';
export type { OrthogonalRegularizerOptions } from './orthogonal-regularizer.js';

/** The regularizers namespace's registry (`kind: 'regularizer'`, module `keras.regularizers`). */
export const registry = new Registry<Regularizer>({ kind: 'regularizer', module: 'keras.regularizers' });
registry.registerClass(L1);
registry.registerClass(L2);
registry.registerClass(L1L2);
registry.registerClass(OrthogonalRegularizer);

/** Anything `get` resolves to a regularizer. */
export type RegularizerIdentifier = string | Regularizer | SerializedObject | RegularizerFunction;

/**
 * Resolves an identifier to a regularizer, as `keras.regularizers.get`: a name gives a new instance with Keras'
 * defaults (`'l1'` and `'l2'`: 0.01; `'l1_l2'`: 0.01 each, while `'L1L2'` gives 0 each, as the class); a config envelope
 * is deserialized; an instance is returned as is; a function is wrapped. `null`/`undefined` give `null`.
 *
 * @example
 * regularizers.get('l1_l2'); // L1L2 { l1: 0.01, l2: 0.01 }
 */
export function get(identifier: RegularizerIdentifier, customObjects?: CustomObjects): Regularizer;
export function get(identifier: RegularizerIdentifier | null | undefined, customObjects?: CustomObjects): Regularizer | null;
export function get(identifier: RegularizerIdentifier | null | undefined, customObjects?: CustomObjects): Regularizer | null {
  if (identifier == null) return null;
  if (identifier instanceof Regularizer) return identifier;
  if (typeof identifier === 'function') return new FunctionRegularizer(identifier);
  if (typeof identifier === 'object' && identifier.className === 'function') {
    // Keras writes a registered function as { class_name: 'function', config: <name>, registered_name: <name> }.
    const name = identifier.registeredName ?? (typeof identifier.config === 'string' ? identifier.config : '');
    return get(name, customObjects);
  }
  // Keras' `l1_l2` shortcut defaults both factors to 0.01; the class name keeps the class defaults.
  if (identifier === 'l1_l2' || identifier === 'l1L2') return new L1L2({ l1: 0.01, l2: 0.01 });
  const out: unknown = registry.get(identifier, customObjects);
  if (typeof out === 'function') return new FunctionRegularizer(out as RegularizerFunction);
  // Duck-typed objects with a `call` method (another copy of this package, a hand-written object) are accepted.
  if (!(out instanceof Regularizer) && typeof (out as { call?: unknown } | null)?.call !== 'function') {
    throw new ValueError(`Could not interpret regularizer identifier: ${JSON.stringify(identifier)}. Expected a name, a config or a Regularizer.`);
  }
  return out as Regularizer;
}

/**
 * The config envelope of a regularizer, as `keras.regularizers.serialize`.
 *
 * @example
 * regularizers.serialize(new L1L2({ l1: 0.1 })); // { module: 'keras.regularizers', className: 'L1L2', config: { l1: 0.1, l2: 0 }, registeredName: null }
 */
export function serialize(regularizer: Regularizer): SerializedObject {
  if (regularizer instanceof FunctionRegularizer) {
    const name = serialization.getRegisteredName(regularizer.fn);
    if (!name) throw new ValueError('Cannot serialize a regularizer function that is not registered: use registerKerasSerializable(fn).');
    // Keras writes a function as { class_name: 'function', config: <registered name>, registered_name }.
    return { module: null, className: 'function', config: name as unknown as Record<string, unknown>, registeredName: name };
  }
  const out = registry.serialize(regularizer);
  if (out === null || typeof out === 'string') throw new ValueError(`Cannot serialize regularizer ${String(regularizer)}.`);
  return out;
}

/**
 * Rebuilds a regularizer from a name or a config envelope, as `keras.regularizers.deserialize`.
 *
 * @example
 * regularizers.deserialize({ className: 'L2', config: { l2: 0.001 } });
 */
export function deserialize(config: SerializedObject | string, customObjects?: CustomObjects): Regularizer {
  return get(config, customObjects);
}
