/** Keras' compile-time metric resolution (keras/src/trainers/compile_utils.py `get_metric`). */
import { ValueError } from '@strata/core';
import {
  BinaryCrossentropy as BinaryCrossentropyLoss, SparseCategoricalCrossentropy as SparseCategoricalCrossentropyLoss,
  binaryCrossentropy, get as getLoss, isBinaryOrSparseCategorical, sparseCategoricalCrossentropy, type LossIdentifier,
} from '@strata/losses';
import { BinaryAccuracy } from './binary-accuracy.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { Metric } from './metric.js';
import { get, metricObjectName, type MetricIdentifier } from './serialization.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

/** What `resolveMetric` knows about the output a metric is attached to. */
export interface MetricContext {
  /** The labels' shape (the batch dimension may be anything). */
  yTrueShape?: readonly (number | null)[];
  /** The predictions' shape. */
  yPredShape?: readonly (number | null)[];
  /** Same as `yPredShape` (a model output's shape). */
  outputShape?: readonly (number | null)[];
  /** The output's loss, used only when the label shape is unknown. */
  lossIdentifier?: LossIdentifier | null;
}

type Family = 'binary' | 'sparse' | 'categorical';

function lossFamily(loss: LossIdentifier | null | undefined): Family | null {
  if (loss == null) return null;
  let obj: unknown;
  try {
    obj = getLoss(loss);
  } catch {
    return null;
  }
  if (obj === binaryCrossentropy || obj instanceof BinaryCrossentropyLoss) return 'binary';
  if (obj === sparseCategoricalCrossentropy || obj instanceof SparseCategoricalCrossentropyLoss) return 'sparse';
  return null;
}

/**
 * Which family `'accuracy'` (or `'crossentropy'`) means for an output. With both shapes known this is exactly
 * Keras 3's rule: binary when `y_pred`'s last dimension is 1, sparse categorical when `y_true` has a lower rank or
 * a last dimension of 1 (and `y_pred`'s is larger), categorical otherwise. Without `y_true`'s shape (before the
 * first batch) it falls back to the output shape and the loss: last dimension 1 or a binary crossentropy loss →
 * binary, a sparse categorical crossentropy loss → sparse, else categorical.
 */
export function metricFamily(context: MetricContext): Family {
  const yPredShape = context.yPredShape ?? context.outputShape;
  if (yPredShape && context.yTrueShape) {
    const { isBinary, isSparseCategorical } = isBinaryOrSparseCategorical(context.yTrueShape, yPredShape);
    return isBinary ? 'binary' : isSparseCategorical ? 'sparse' : 'categorical';
  }
  if (yPredShape && yPredShape[yPredShape.length - 1] === 1) return 'binary';
  return lossFamily(context.lossIdentifier) ?? 'categorical';
}

/**
 * Resolves one entry of `compile`'s `metrics` to a `Metric`, as Keras' `get_metric`: `'accuracy'`/`'acc'` become
 * `BinaryAccuracy`, `SparseCategoricalAccuracy` or `CategoricalAccuracy` by {@link metricFamily} (and, beyond
 * Keras 3, `'crossentropy'`/`'ce'` the matching crossentropy metric); anything else goes through `get`, and a
 * function is wrapped in a `MeanMetricWrapper`. A metric given by string is named by that string (`'acc'` stays
 * `'acc'`).
 *
 * @example
 * resolveMetric('accuracy', { yTrueShape: [32], yPredShape: [32, 10] }); // SparseCategoricalAccuracy named 'accuracy'
 * resolveMetric('mse'); // MeanSquaredError named 'mse'
 */
export function resolveMetric(identifier: MetricIdentifier, context: MetricContext = {}): Metric {
  if (identifier == null) throw new ValueError('Expected metric, received `null`.');
  let obj;
  const lower = typeof identifier === 'string' ? identifier.toLowerCase() : null;
  if (lower === 'accuracy' || lower === 'acc') {
    const family = metricFamily(context);
    const name = identifier as string;
    obj = family === 'binary' ? new BinaryAccuracy({ name }) : family === 'sparse' ? new SparseCategoricalAccuracy({ name }) : new CategoricalAccuracy({ name });
  } else if (lower === 'crossentropy' || lower === 'ce') {
    const family = metricFamily(context);
    const name = identifier as string;
    obj = family === 'binary' ? new BinaryCrossentropy({ name }) : family === 'sparse' ? new SparseCategoricalCrossentropy({ name }) : new CategoricalCrossentropy({ name });
  } else {
    obj = get(identifier);
  }
  const name = typeof identifier === 'string' ? identifier : metricObjectName(obj);
  const metric = obj instanceof Metric ? obj : new MeanMetricWrapper({ fn: obj, name });
  metric.name = name;
  return metric;
}
