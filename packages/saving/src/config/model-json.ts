/**
 * Models from Keras JSON of any era: Keras 3 (`model.to_json()`, `config.json` in `.keras`), Keras 2 and tf.keras
 * (`model_config` in `.h5`), tfjs-layers topologies. Checked for code (safe mode) and prototype keys first.
 */
import { fromKerasJson, parseJsonSafely, ValueError, type CustomObjects, type Json } from '@strata/core';
import { deserialize, type SerializedLayer } from '@strata/layers';
import type { Model } from '@strata/models';
import { upgradeLegacyConfig } from './legacy-config.js';
import { assertSafeConfig } from './safe-mode.js';

/** Options of `modelFromJson`. */
export interface ModelFromJsonOptions {
  /** Classes and functions by name, used before the registries. */
  customObjects?: CustomObjects;
}

/** Parses JSON text, refusing `__proto__`/`constructor`/`prototype` keys; errors name `label`. */
export function parseConfigText(text: string, label: string): Json {
  try {
    return parseJsonSafely(text);
  } catch (e) {
    throw new ValueError(`${label} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A model (weights new) from a parsed Keras JSON envelope `{ class_name, config, … }`. */
export function modelFromKerasConfig(json: unknown, options: ModelFromJsonOptions = {}, label = 'The model config'): Model {
  if (!json || typeof json !== 'object' || Array.isArray(json) || typeof (json as { class_name?: unknown }).class_name !== 'string') {
    throw new ValueError(`${label} is not a Keras model config: expected { "class_name": …, "config": … }, received ${JSON.stringify(json)?.slice(0, 200)}.`);
  }
  assertSafeConfig(json, options.customObjects);
  const upgraded = upgradeLegacyConfig(json);
  const camel = fromKerasJson(upgraded) as unknown as SerializedLayer;
  const model = deserialize(camel, options.customObjects);
  if (typeof (model as Partial<Model>).predict !== 'function') {
    throw new ValueError(`${label} describes a ${camel.className}, not a model.`);
  }
  return model as Model;
}

/**
 * A model from its JSON, as `keras.models.model_from_json`, accepting Keras 3 and Keras 2 configs (`Model`,
 * `Functional`, `Sequential`; `batch_input_shape`; list-form `inbound_nodes`). Weights are new.
 *
 * @example
 * const copy = modelFromJson(model.toJson());
 */
export function modelFromJson(json: string | Record<string, unknown>, options: ModelFromJsonOptions = {}): Model {
  const parsed = typeof json === 'string' ? parseConfigText(json, 'The model JSON') : json;
  return modelFromKerasConfig(parsed, options);
}
