/**
 * The optimizers registry and the `get` / `serialize` / `deserialize` trio, as `keras.optimizers.get` /
 * `serialize` / `deserialize`: Keras 3's class names, matched case-insensitively and with or without underscores
 * (`'adam'`, `'Adam'`, `'rmsprop'`, `'RMSprop'`, `'rm_sprop'`, `'adamw'`, `'AdamW'`, `'sgd'`). Registering the
 * built-ins happens when this module loads.
 */
import { Registry, ValueError, type CustomObjects, type SerializedObject } from '@strata/core';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/** The optimizers registry (`kind: 'optimizer'`, module `keras.optimizers`). */
export const registry = new Registry<Optimizer>({ kind: 'optimizer', module: 'keras.optimizers' });

registry.registerClass(SGD);
registry.registerClass(RMSprop);
registry.registerClass(Adam);
registry.registerClass(AdamW);
registry.registerClass(Adagrad);
registry.registerClass(Adadelta);
registry.registerClass(Adamax);
registry.registerClass(Nadam);
registry.registerClass(Lion);

/** Anything `get` resolves to an optimizer. */
export type OptimizerIdentifier = string | Optimizer | SerializedObject;

/**
 * Resolves an identifier to an optimizer, as `keras.optimizers.get`: a name gives a new instance with Keras'
 * defaults, a config envelope is deserialized, an instance is returned as is. An unknown name lists the accepted ones.
 *
 * @example
 * get('adam'); // a new Adam() with learningRate 0.001
 * get({ className: 'SGD', config: { learningRate: 0.1, momentum: 0.9 } });
 */
export function get(identifier: OptimizerIdentifier, customObjects?: CustomObjects): Optimizer;
export function get(identifier: OptimizerIdentifier | null | undefined, customObjects?: CustomObjects): Optimizer | null;
export function get(identifier: OptimizerIdentifier | null | undefined, customObjects?: CustomObjects): Optimizer | null {
  if (identifier == null) return null;
  if (identifier instanceof Optimizer) return identifier;
  const out: unknown = registry.get(identifier, customObjects);
  if (!(out instanceof Optimizer)) {
    throw new ValueError(`Could not interpret optimizer identifier: ${JSON.stringify(identifier)}. Expected a name, a config or an Optimizer.`);
  }
  return out;
}

/**
 * The config envelope of an optimizer, as `keras.optimizers.serialize`:
 * `{ module: 'keras.optimizers', className, config, registeredName }` with a camelCase `config`
 * (`toKerasJson` turns it into Keras' JSON).
 *
 * @example
 * serialize(new SGD({ learningRate: 0.1 }));
 * // { module: 'keras.optimizers', className: 'SGD', config: { name: 'sgd', learningRate: 0.1, … }, registeredName: null }
 */
export function serialize(optimizer: Optimizer): SerializedObject {
  const out = registry.serialize(optimizer);
  if (out === null || typeof out === 'string') throw new ValueError(`Cannot serialize optimizer ${String(optimizer)}.`);
  return out;
}

/**
 * Rebuilds an optimizer from a name or a config envelope (camelCase `config`), as `keras.optimizers.deserialize`.
 *
 * @example
 * deserialize({ className: 'RMSprop', config: { learningRate: 0.01, rho: 0.8 } });
 */
export function deserialize(config: SerializedObject | string, customObjects?: CustomObjects): Optimizer {
  return get(config, customObjects);
}
