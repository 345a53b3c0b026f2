import { fromKerasJson, parseJsonSafely, ValueError, type CustomObjects } from '@strata/core';
import { deserialize, type Layer, type SerializedLayer } from '@strata/layers';
import type { Model } from './model.js';

/**
 * A model from Keras 3 JSON (what `model.toJson()` and Keras' `model.to_json()` write), as
 * `keras.models.model_from_json`. Weights are new; load them separately.
 *
 * @example
 * const copy = modelFromJson(model.toJson());
 */
export function modelFromJson(json: string | Record<string, unknown>, customObjects?: CustomObjects): Model {
  const parsed = typeof json === 'string' ? parseJsonSafely(json) : json;
  const config = fromKerasJson(parsed) as unknown as SerializedLayer;
  if (!config || typeof config !== 'object' || typeof config.className !== 'string') {
    throw new ValueError('modelFromJson expects a Keras model envelope: { "class_name": ..., "config": ... }.');
  }
  const layer: Layer = deserialize(config, customObjects);
  return layer as Model;
}
