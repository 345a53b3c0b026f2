/**
 * The initializers registry and the `get` / `serialize` / `deserialize` trio, over Keras 3's class names, their
 * snake_case names, camelCase forms and Keras' aliases (`'normal'`, `'uniform'`, `'one'`, `'zero'`,
 * `'IdentityInitializer'`, `'OrthogonalInitializer'`). Registering the built-ins happens when this module loads.
 */
import { Registry, ValueError, serialization, type CustomObjects, type SerializedObject } from '@strata/core';
import { Constant } from './constant.js';
import { FunctionInitializer, type InitializerFunction } from './function-initializer.js';
import { GlorotNormal } from './glorot-normal.js';
import { GlorotUniform } from './glorot-uniform.js';
import { HeNormal } from './he-normal.js';
import { HeUniform } from './he-uniform.js';
import { Identity } from './identity.js';
import { Initializer } from './initializer.js';
import { LecunNormal } from './lecun-normal.js';
import { LecunUniform } from './lecun-uniform.js';
import { Ones } from './ones.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal } from './random-normal.js';
import { RandomUniform } from './random-uniform.js';
import { TruncatedNormal } from './truncated-normal.js';
import { VarianceScaling } from './variance-scaling.js';
import { Zeros } from './zeros.js';

/** The initializers namespace's registry (`kind: 'initializer'`, module `keras.initializers`). */
export const registry = new Registry<Initializer>({ kind: 'initializer', module: 'keras.initializers' });

// Class names and their snake_case forms normalise to one key ('glorot_uniform' = 'glorotUniform' = 'GlorotUniform').
registry.registerClass(Zeros, ['zero']);
registry.registerClass(Ones, ['one']);
registry.registerClass(Constant);
registry.registerClass(Identity, ['IdentityInitializer']);
registry.registerClass(RandomNormal, ['normal']);
registry.registerClass(RandomUniform, ['uniform']);
registry.registerClass(TruncatedNormal);
registry.registerClass(VarianceScaling);
registry.registerClass(GlorotUniform);
registry.registerClass(GlorotNormal);
registry.registerClass(HeUniform);
registry.registerClass(HeNormal);
registry.registerClass(LecunUniform);
registry.registerClass(LecunNormal);
registry.registerClass(Orthogonal, ['OrthogonalInitializer']);

/** Anything `get` resolves to an initializer. */
export type InitializerIdentifier = string | Initializer | SerializedObject | InitializerFunction | (new () => Initializer);

function isInitializerClass(x: unknown): x is new () => Initializer {
  return typeof x === 'function' && x.prototype instanceof Initializer;
}

/**
 * Resolves an identifier to an initializer, as `keras.initializers.get`: a name (`'glorot_uniform'`,
 * `'glorotUniform'`, `'he_normal'`, `'zeros'`…) gives a new instance with default arguments; a config envelope
 * (`{ className, config }`) is deserialized; an instance is returned as is; an `Initializer` subclass is
 * instantiated; a function `(shape, dtype) => Tensor` is wrapped. `null`/`undefined` give `null`.
 *
 * @example
 * initializers.get('he_normal'); // a new HeNormal()
 * initializers.get({ className: 'RandomNormal', config: { stddev: 0.02 } });
 */
export function get(identifier: InitializerIdentifier, customObjects?: CustomObjects): Initializer;
export function get(identifier: InitializerIdentifier | null | undefined, customObjects?: CustomObjects): Initializer | null;
export function get(identifier: InitializerIdentifier | null | undefined, customObjects?: CustomObjects): Initializer | null {
  if (identifier == null) return null;
  if (identifier instanceof Initializer) return identifier;
  if (isInitializerClass(identifier)) return new identifier();
  if (typeof identifier === 'function') return new FunctionInitializer(identifier as InitializerFunction);
  if (typeof identifier === 'object' && identifier.className === 'function') {
    // Keras writes a registered function as { class_name: 'function', config: <name>, registered_name: <name> }.
    const name = identifier.registeredName ?? (typeof identifier.config === 'string' ? identifier.config : '');
    return get(name, customObjects);
  }
  const out: unknown = registry.get(identifier, customObjects);
  if (typeof out === 'function') return isInitializerClass(out) ? new out() : new FunctionInitializer(out as InitializerFunction);
  // Duck-typed objects with a `call` method (another copy of this package, a hand-written object) are accepted.
  if (!(out instanceof Initializer) && typeof (out as { call?: unknown } | null)?.call !== 'function') {
    throw new ValueError(`Could not interpret initializer identifier: ${JSON.stringify(identifier)}. Expected a name, a config or an Initializer.`);
  }
  return out as Initializer;
}

/**
 * The config envelope of an initializer, as `keras.initializers.serialize`:
 * `{ module: 'keras.initializers', className, config, registeredName }` with a camelCase `config`.
 *
 * @example
 * initializers.serialize(new GlorotUniform({ seed: 1 }));
 * // { module: 'keras.initializers', className: 'GlorotUniform', config: { seed: 1, inputAxes: null, outputAxes: null }, registeredName: null }
 */
export function serialize(initializer: Initializer): SerializedObject {
  if (initializer instanceof FunctionInitializer) {
    const name = serialization.getRegisteredName(initializer.fn);
    if (!name) throw new ValueError('Cannot serialize an initializer function that is not registered: use registerKerasSerializable(fn).');
    // Keras writes a function as { class_name: 'function', config: <registered name>, registered_name }.
    return { module: null, className: 'function', config: name as unknown as Record<string, unknown>, registeredName: name };
  }
  const out = registry.serialize(initializer);
  if (out === null || typeof out === 'string') throw new ValueError(`Cannot serialize initializer ${String(initializer)}.`);
  return out;
}

/**
 * Rebuilds an initializer from a name or a config envelope, as `keras.initializers.deserialize`.
 *
 * @example
 * initializers.deserialize({ className: 'VarianceScaling', config: { scale: 2, mode: 'fan_out' } });
 */
export function deserialize(config: SerializedObject | string, customObjects?: CustomObjects): Initializer {
  return get(config, customObjects);
}
