/**
 * The metrics namespace's `get` / `serialize` / `deserialize` trio. As in Keras 3, every name resolves to a metric
 * class: `'AUC'`, `'binary_accuracy'`, `'binaryAccuracy'`, `'BinaryAccuracy'`, and the aliases `'mse'`, `'mae'`,
 * `'mape'`, `'msle'`, `'bce'`. Beyond Keras, any other loss function name (`'huber'`, `'kld'`) gives a
 * `MeanMetricWrapper` around that loss. Registering the built-ins happens when this module loads.
 */
import { Registry, ValueError, serialization, type CustomObjects, type SerializedObject } from '@strata/core';
import { functionRegistry as lossFunctions, isSerializedFunction, type SerializedFunction } from '@strata/losses';
import { Accuracy } from './accuracy.js';
import { AUC } from './auc.js';
import { BinaryAccuracy } from './binary-accuracy.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { F1Score } from './f1-score.js';
import { FBetaScore } from './f-beta-score.js';
import { metricFunctionName, resolveMetricFunction, serializeMetricFunction, type MetricFunction } from './function-registry.js';
import { Hinge } from './hinge.js';
import { KLDivergence } from './kl-divergence.js';
import { LogCoshError } from './log-cosh-error.js';
import { Mean } from './mean.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Metric } from './metric.js';
import { Poisson } from './poisson.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy.js';
import { SquaredHinge } from './squared-hinge.js';
import { Sum } from './sum.js';
import { TopKCategoricalAccuracy } from './top-k-categorical-accuracy.js';

/** The metrics registry (`kind: 'metric'`, module `keras.metrics`). */
export const registry = new Registry<Metric>({ kind: 'metric', module: 'keras.metrics' });

const CLASSES: [unknown, string[]][] = [
  [Mean, []], [Sum, []], [MeanMetricWrapper, []],
  [MeanSquaredError, ['mse']], [RootMeanSquaredError, []], [MeanAbsoluteError, ['mae']],
  [MeanAbsolutePercentageError, ['mape']], [MeanSquaredLogarithmicError, ['msle']], [CosineSimilarity, []],
  [LogCoshError, ['logcosh', 'log_cosh']],
  [AUC, []], [Precision, []], [Recall, []],
  [Hinge, []], [SquaredHinge, []], [CategoricalHinge, []],
  [KLDivergence, []], [Poisson, []], [BinaryCrossentropy, ['bce']], [CategoricalCrossentropy, []], [SparseCategoricalCrossentropy, []],
  [Accuracy, []], [BinaryAccuracy, []], [CategoricalAccuracy, []], [SparseCategoricalAccuracy, []],
  [TopKCategoricalAccuracy, []], [SparseTopKCategoricalAccuracy, []],
  [F1Score, []], [FBetaScore, []],
];
for (const [cls, aliases] of CLASSES) registry.registerClass(cls as new (config?: any) => Metric, aliases);

/** Anything `get` resolves to a metric. */
export type MetricIdentifier = string | Metric | MetricFunction | SerializedObject | SerializedFunction | (new () => Metric);

function isMetricClass(x: unknown): x is new () => Metric {
  return typeof x === 'function' && x.prototype instanceof Metric;
}

function fromName(name: string, customObjects?: CustomObjects): Metric | MetricFunction {
  const custom = serialization.getCustomObject(name, customObjects);
  if (custom !== undefined) {
    if (isMetricClass(custom)) return new custom();
    if (custom instanceof Metric || typeof custom === 'function') return custom as Metric | MetricFunction;
  }
  if (registry.has(name)) return registry.get(name, customObjects)!;
  if (lossFunctions.has(name)) return new MeanMetricWrapper({ fn: lossFunctions.get(name)!, name });
  throw new ValueError(
    `Unknown metric: "${name}". Accepted names: ${registry.names().join(', ')}, the aliases mse, mae, mape, msle, bce, ` +
      `'accuracy'/'acc' (chosen by compile from the shapes), and any loss function name (${lossFunctions.names().join(', ')}). ` +
      `Register custom metrics with registerKerasSerializable() or pass them in customObjects.`,
  );
}

/**
 * Resolves an identifier to a metric, as `keras.metrics.get`: a name gives a new instance of the metric class with
 * default arguments (a loss function's name gives a `MeanMetricWrapper` around it), a config envelope is
 * deserialized, a `Metric` subclass is instantiated, and a `Metric` or a function is returned as is.
 *
 * @example
 * metrics.get('binary_accuracy'); // a new BinaryAccuracy()
 * metrics.get('mse');             // a new MeanSquaredError()
 * metrics.get({ className: 'AUC', config: { curve: 'PR' } });
 */
export function get(identifier: MetricIdentifier, customObjects?: CustomObjects): Metric | MetricFunction;
export function get(identifier: MetricIdentifier | null | undefined, customObjects?: CustomObjects): Metric | MetricFunction | null;
export function get(identifier: MetricIdentifier | null | undefined, customObjects?: CustomObjects): Metric | MetricFunction | null {
  if (identifier == null) return null;
  if (identifier instanceof Metric) return identifier;
  if (isMetricClass(identifier)) return new identifier();
  if (typeof identifier === 'function') return identifier as MetricFunction;
  if (typeof identifier === 'string') return fromName(identifier, customObjects);
  if (typeof identifier === 'object') return deserialize(identifier, customObjects);
  throw new ValueError(`Could not interpret metric identifier: ${JSON.stringify(identifier)}. Expected a name, a config, a function or a Metric.`);
}

/**
 * A metric as Keras serializes it: `{ module: 'keras.metrics', className, config, registeredName }` (camelCase
 * `config`); a function as `{ module: 'builtins', className: 'function', config: name, registeredName: 'function' }`.
 *
 * @example
 * metrics.serialize(new AUC({ curve: 'PR' })); // { module: 'keras.metrics', className: 'AUC', config: { name: 'auc', curve: 'PR', ... }, registeredName: null }
 */
export function serialize(metric: Metric | MetricFunction): SerializedObject | SerializedFunction {
  if (typeof metric === 'function') return serializeMetricFunction(metric);
  const out = registry.serialize(metric);
  if (out === null || typeof out === 'string') throw new ValueError(`Cannot serialize metric ${String(metric)}.`);
  return out;
}

/**
 * Rebuilds a metric from a name or a serialized envelope, as `keras.metrics.deserialize`.
 *
 * @example
 * metrics.deserialize({ className: 'Precision', config: { thresholds: [0.3, 0.7] } });
 */
export function deserialize(config: SerializedObject | SerializedFunction | string, customObjects?: CustomObjects): Metric | MetricFunction {
  if (typeof config === 'string') return fromName(config, customObjects);
  if (isSerializedFunction(config)) return resolveMetricFunction(config, customObjects);
  return registry.deserialize(config as SerializedObject, customObjects);
}

/** The name Keras gives a metric object in logs (`get_object_name`): a metric's name, a function's registered name. */
export function metricObjectName(obj: Metric | MetricFunction): string {
  if (obj instanceof Metric) return obj.name;
  return metricFunctionName(obj) ?? (obj.name || 'metric');
}
