/**
 * `Layer`'s constructor arguments checked and normalized (name, `trainable`, the legacy input-shape arguments), and
 * the base config they round-trip through.
 */
import { ValueError } from '@strata/core';
import * as regularizers from '../regularizers/index.js';
import { serializePolicy } from './dtype-policy.js';
import type { Layer } from './layer.js';
import type { LayerArgs } from './layer-types.js';
import { standardizeShape, type Shape } from './shape.js';

/** Returns `name` when it is a string without "/", else throws. */
export function checkLayerName(name: unknown): string {
  if (typeof name !== 'string' || name.includes('/')) {
    throw new ValueError(`Argument "name" must be a string and cannot contain the character "/". Received: name=${JSON.stringify(name)}`);
  }
  return name;
}

/** Returns `trainable` when it is a boolean or undefined, else throws. */
export function checkTrainableArg(trainable: unknown): boolean | undefined {
  if (trainable !== undefined && typeof trainable !== 'boolean') {
    throw new ValueError(`Expected "trainable" to be a boolean. Received: trainable=${JSON.stringify(trainable)}`);
  }
  return trainable;
}

/**
 * The legacy input shape with its batch dimension: `batchInputShape`, else `[batchSize ?? null, ...inputShape]`
 * (`inputDim` standing for `inputShape: [inputDim]`), else null.
 *
 * @example
 * inputShapeArgOf({ inputDim: 4 }); // [null, 4]
 */
export function inputShapeArgOf(args: LayerArgs): Shape | null {
  const inputShape = args.inputDim != null ? [args.inputDim] : args.inputShape;
  if (args.batchInputShape) return standardizeShape(args.batchInputShape);
  if (inputShape) return [args.batchSize ?? null, ...standardizeShape(inputShape)];
  return null;
}

/** The config every layer has: name, trainable, the serialized dtype policy and any activity regularizer. */
export function baseLayerConfig(layer: Layer, dtypePolicy: string): Record<string, unknown> {
  const config: Record<string, unknown> = { name: layer.name, trainable: layer.trainable, dtype: serializePolicy(dtypePolicy) };
  if (layer.activityRegularizer) config.activityRegularizer = regularizers.serialize(layer.activityRegularizer);
  return config;
}
