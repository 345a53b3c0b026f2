/**
 * The registry of loss functions, keyed by Keras' function names plus aliases (`'mse'`, `'bce'`, `'kld'`, Keras 2's
 * `'logcosh'`, `'kullback_leibler_divergence'`, `'cosine_proximity'`); snake_case and camelCase spellings both
 * resolve (`'mean_squared_error'`, `'meanSquaredError'`).
 */
import { Registry, ValueError, serialization, type Tensor } from '@strata/core';
import { binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy } from './functions/crossentropy.js';
import { binaryFocalCrossentropy, categoricalFocalCrossentropy } from './functions/focal.js';
import { categoricalHinge, hinge, squaredHinge } from './functions/hinge.js';
import { klDivergence, poisson } from './functions/probabilistic.js';
import {
  cosineSimilarity, huber, logCosh, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, meanSquaredLogarithmicError,
} from './functions/regression.js';

/** A loss function: per-sample values from `(yTrue, yPred)`, with its keyword arguments as an options object. */
export type LossFunction = (yTrue: Tensor, yPred: Tensor, options?: any) => Tensor;

/** The loss functions' registry (`kind: 'loss function'`). */
export const functionRegistry = new Registry<LossFunction>({ kind: 'loss', module: 'keras.losses' });

const FUNCTIONS: [string, LossFunction, string[]][] = [
  ['mean_squared_error', meanSquaredError, ['mse']],
  ['mean_absolute_error', meanAbsoluteError, ['mae']],
  ['mean_absolute_percentage_error', meanAbsolutePercentageError, ['mape']],
  ['mean_squared_logarithmic_error', meanSquaredLogarithmicError, ['msle']],
  ['squared_hinge', squaredHinge, []],
  ['hinge', hinge, []],
  ['categorical_hinge', categoricalHinge, []],
  ['binary_crossentropy', binaryCrossentropy, ['bce']],
  ['binary_focal_crossentropy', binaryFocalCrossentropy, []],
  ['log_cosh', logCosh, ['logcosh']],
  ['categorical_crossentropy', categoricalCrossentropy, []],
  ['categorical_focal_crossentropy', categoricalFocalCrossentropy, []],
  ['sparse_categorical_crossentropy', sparseCategoricalCrossentropy, []],
  ['kl_divergence', klDivergence, ['kld', 'kullback_leibler_divergence']],
  ['poisson', poisson, []],
  ['cosine_similarity', cosineSimilarity, ['cosine_proximity']],
  ['huber', huber, []],
];
for (const [name, fn, aliases] of FUNCTIONS) functionRegistry.registerValue(name, fn, aliases);

/** Keras' serialized form of a function: `{ module: 'builtins', className: 'function', config: name, registeredName: 'function' }`. */
export interface SerializedFunction {
  module: string | null;
  className: 'function';
  config: string;
  registeredName: string | null;
}

/** The registered name of a loss function (built-in or registered with `registerKerasSerializable`), or null. */
export function lossFunctionName(fn: LossFunction): string | null {
  return functionRegistry.nameOf(fn) ?? serialization.getRegisteredName(fn);
}

/** A loss function as Keras serializes it. */
export function serializeLossFunction(fn: LossFunction): SerializedFunction {
  const builtin = functionRegistry.nameOf(fn);
  if (builtin) return { module: 'builtins', className: 'function', config: builtin, registeredName: 'function' };
  const custom = serialization.getRegisteredName(fn);
  if (!custom) throw new ValueError(`Cannot serialize loss function "${fn.name}": it is not registered. Use registerKerasSerializable(fn).`);
  return { module: null, className: 'function', config: custom, registeredName: custom };
}

/** Whether `x` is Keras' `{ className: 'function', config: name }` envelope. */
export function isSerializedFunction(x: unknown): x is SerializedFunction {
  return typeof x === 'object' && x !== null && (x as { className?: unknown }).className === 'function';
}

/** Resolves a loss function from itself, a name or its serialized envelope. */
export function resolveLossFunction(fn: LossFunction | string | SerializedFunction, customObjects?: Record<string, unknown>): LossFunction {
  if (typeof fn === 'function') return fn;
  const name = typeof fn === 'string' ? fn : (fn.registeredName && fn.registeredName !== 'function' ? fn.registeredName : fn.config);
  const out = functionRegistry.get(name, customObjects);
  if (typeof out !== 'function') throw new ValueError(`Could not interpret loss function identifier: ${JSON.stringify(fn)}.`);
  return out;
}
