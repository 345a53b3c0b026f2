/**
 * Metric functions by name: the accuracy functions, then every loss function (`'mse'`, `'huber'`…) from
 * `@strata/losses`, so `MeanMetricWrapper` configs that name a function resolve.
 */
import { Registry, ValueError, serialization, type Tensor } from '@strata/core';
import { functionRegistry as lossFunctions, serializeLossFunction, type SerializedFunction } from '@strata/losses';
import {
  accuracy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, sparseTopKCategoricalAccuracy, topKCategoricalAccuracy,
} from './functions/accuracy.js';

/** A metric function: per-sample values from `(yTrue, yPred)`, with its keyword arguments as an options object. */
export type MetricFunction = (yTrue: Tensor, yPred: Tensor, options?: any) => Tensor;

/** The accuracy functions' registry (loss functions are looked up in `@strata/losses`). */
export const metricFunctionRegistry = new Registry<MetricFunction>({ kind: 'metric function', module: 'keras.metrics' });
metricFunctionRegistry.registerValue('accuracy', accuracy);
metricFunctionRegistry.registerValue('binary_accuracy', binaryAccuracy);
metricFunctionRegistry.registerValue('categorical_accuracy', categoricalAccuracy);
metricFunctionRegistry.registerValue('sparse_categorical_accuracy', sparseCategoricalAccuracy);
metricFunctionRegistry.registerValue('top_k_categorical_accuracy', topKCategoricalAccuracy);
metricFunctionRegistry.registerValue('sparse_top_k_categorical_accuracy', sparseTopKCategoricalAccuracy);

/** The name a metric or loss function is registered under, or null. */
export function metricFunctionName(fn: MetricFunction): string | null {
  return metricFunctionRegistry.nameOf(fn) ?? lossFunctions.nameOf(fn) ?? serialization.getRegisteredName(fn);
}

/** Whether `fn` is one of the loss functions (their metrics are better when lower). */
export function isLossFunction(fn: MetricFunction): boolean {
  return lossFunctions.nameOf(fn) !== null;
}

/** Keras' `{ module: 'builtins', className: 'function', config: name, registeredName: 'function' }` for a function. */
export function serializeMetricFunction(fn: MetricFunction): SerializedFunction {
  const builtin = metricFunctionRegistry.nameOf(fn);
  if (builtin) return { module: 'builtins', className: 'function', config: builtin, registeredName: 'function' };
  return serializeLossFunction(fn);
}

/** A metric or loss function from itself, a name, or its serialized envelope. */
export function resolveMetricFunction(fn: MetricFunction | string | SerializedFunction, customObjects?: Record<string, unknown>): MetricFunction {
  if (typeof fn === 'function') return fn;
  const name = typeof fn === 'string' ? fn : (fn.registeredName && fn.registeredName !== 'function' ? fn.registeredName : fn.config);
  const custom = serialization.getCustomObject(name, customObjects);
  if (typeof custom === 'function') return custom as MetricFunction;
  if (metricFunctionRegistry.has(name)) return metricFunctionRegistry.get(name)!;
  if (lossFunctions.has(name)) return lossFunctions.get(name)!;
  throw new ValueError(
    `Unknown metric function: "${name}". Accepted names: ${[...metricFunctionRegistry.names(), ...lossFunctions.names()].join(', ')}.`,
  );
}
