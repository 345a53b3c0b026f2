/**
 * The losses namespace's `get` / `serialize` / `deserialize` trio. As in Keras, a function name (`'mse'`,
 * `'mean_squared_error'`, `'meanSquaredError'`, `'bce'`, `'kld'`, `'logcosh'`) resolves to the loss function and a
 * class name (`'MeanSquaredError'`, `'Huber'`, `'KLDivergence'`) to a new instance of the class. Registering the
 * built-ins happens when this module loads.
 */
import {
  Registry, ValueError, serialization, type CustomObjects, type SerializedObject,
} from '@strata/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { CosineSimilarity } from './cosine-similarity.js';
import {
  functionRegistry, isSerializedFunction, resolveLossFunction, serializeLossFunction, type LossFunction, type SerializedFunction,
} from './function-registry.js';
import { Hinge } from './hinge.js';
import { Huber } from './huber.js';
import { KLDivergence } from './kl-divergence.js';
import { LogCosh } from './log-cosh.js';
import { Loss } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Poisson } from './poisson.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SquaredHinge } from './squared-hinge.js';

/** The loss classes' registry (`kind: 'loss'`, module `keras.losses`). Functions live in `functionRegistry`. */
export const registry = new Registry<Loss>({ kind: 'loss', module: 'keras.losses' });

for (const cls of [
  LossFunctionWrapper, MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
  CosineSimilarity, Huber, LogCosh, Hinge, SquaredHinge, CategoricalHinge, KLDivergence, Poisson, BinaryCrossentropy,
  BinaryFocalCrossentropy, CategoricalCrossentropy, CategoricalFocalCrossentropy, SparseCategoricalCrossentropy,
]) {
  registry.registerClass(cls as unknown as new (config?: any) => Loss);
}

/** Anything `get` resolves to a loss. */
export type LossIdentifier = string | Loss | LossFunction | SerializedObject | SerializedFunction | (new () => Loss);

function isLossClass(x: unknown): x is new () => Loss {
  return typeof x === 'function' && x.prototype instanceof Loss;
}

/** Every accepted name, for error messages: function names with their aliases, then class names. */
export function acceptedLossNames(): string[] {
  const fnNames = functionRegistry.names().map((n) => {
    const aliases = FUNCTION_ALIASES[n];
    return aliases ? `${n} (${aliases.join(', ')})` : n;
  });
  return [...fnNames, ...registry.names().filter((n) => n !== 'LossFunctionWrapper')];
}

const FUNCTION_ALIASES: Record<string, string[]> = {
  mean_squared_error: ['mse'], mean_absolute_error: ['mae'], mean_absolute_percentage_error: ['mape'],
  mean_squared_logarithmic_error: ['msle'], binary_crossentropy: ['bce'], kl_divergence: ['kld', 'kullback_leibler_divergence'],
  log_cosh: ['logcosh'], cosine_similarity: ['cosine_proximity'],
};

function fromName(name: string, customObjects?: CustomObjects): Loss | LossFunction {
  const custom = serialization.getCustomObject(name, customObjects);
  if (custom !== undefined) {
    if (isLossClass(custom)) return new custom();
    if (custom instanceof Loss || typeof custom === 'function') return custom as Loss | LossFunction;
  }
  // Class names start with a capital ('MeanSquaredError', 'KLDivergence'); Keras' all-caps aliases ('MSE', 'KLD')
  // are not class names and fall through to the functions.
  if (/^[A-Z]/.test(name) && registry.has(name)) return registry.get(name, customObjects)!;
  if (functionRegistry.has(name)) return functionRegistry.get(name, customObjects)!;
  if (registry.has(name)) return registry.get(name, customObjects)!;
  throw new ValueError(
    `Unknown loss: "${name}". Accepted names: ${acceptedLossNames().join(', ')}. ` +
      `Register custom losses with registerKerasSerializable() or pass them in customObjects.`,
  );
}

/**
 * Resolves an identifier to a loss, as `keras.losses.get`: a function name gives the function, a class name a new
 * instance with default arguments, a config envelope is deserialized, a `Loss` subclass is instantiated, and a
 * `Loss` or a function is returned as is. `null`/`undefined` give `null`.
 *
 * @example
 * losses.get('mse');                 // meanSquaredError (a function)
 * losses.get('CategoricalCrossentropy'); // a new CategoricalCrossentropy()
 * losses.get({ className: 'Huber', config: { delta: 0.5 } });
 */
export function get(identifier: LossIdentifier, customObjects?: CustomObjects): Loss | LossFunction;
export function get(identifier: LossIdentifier | null | undefined, customObjects?: CustomObjects): Loss | LossFunction | null;
export function get(identifier: LossIdentifier | null | undefined, customObjects?: CustomObjects): Loss | LossFunction | null {
  if (identifier == null) return null;
  if (identifier instanceof Loss) return identifier;
  if (isLossClass(identifier)) return new identifier();
  if (typeof identifier === 'function') return identifier as LossFunction;
  if (typeof identifier === 'string') return fromName(identifier, customObjects);
  if (typeof identifier === 'object') return deserialize(identifier, customObjects);
  throw new ValueError(`Could not interpret loss identifier: ${JSON.stringify(identifier)}. Expected a name, a config, a function or a Loss.`);
}

/**
 * A loss as Keras serializes it: a `Loss` as `{ module: 'keras.losses', className, config, registeredName }`
 * (camelCase `config`), a function as `{ module: 'builtins', className: 'function', config: name, registeredName: 'function' }`.
 *
 * @example
 * losses.serialize(new Huber({ delta: 2 }));
 * // { module: 'keras.losses', className: 'Huber', config: { name: 'huber_loss', reduction: 'sum_over_batch_size', delta: 2 }, registeredName: null }
 */
export function serialize(loss: Loss | LossFunction): SerializedObject | SerializedFunction {
  if (typeof loss === 'function') return serializeLossFunction(loss);
  const out = registry.serialize(loss);
  if (out === null || typeof out === 'string') throw new ValueError(`Cannot serialize loss ${String(loss)}.`);
  return out;
}

/**
 * Rebuilds a loss from a name or a serialized envelope, as `keras.losses.deserialize`.
 *
 * @example
 * losses.deserialize({ className: 'BinaryCrossentropy', config: { fromLogits: true } });
 * losses.deserialize({ module: 'builtins', className: 'function', config: 'mean_squared_error', registeredName: 'function' });
 */
export function deserialize(config: SerializedObject | SerializedFunction | string, customObjects?: CustomObjects): Loss | LossFunction {
  if (typeof config === 'string') return fromName(config, customObjects);
  if (isSerializedFunction(config)) return resolveLossFunction(config, customObjects);
  return registry.deserialize(config as SerializedObject, customObjects);
}
