/**
 * `cloneModel`, as `keras.models.clone_model`: the same architecture with new layers (freshly initialised weights,
 * not copies). Layer names are kept.
 */
import { ValueError, type CustomObjects } from '@strata/core';
import { deserialize, InputLayer, serialize, type Layer, type SerializedLayer } from '@strata/layers';
import { functionalFromConfig } from './functional/functional-config.js';
import { Functional } from './functional/functional.js';
import { Model } from './model.js';
import { Sequential } from './sequential.js';

/** Options of `cloneModel`. */
export interface CloneModelOptions {
  /** Makes the new layer for each original layer (default: the layer rebuilt from its config). InputLayers are always recreated. */
  cloneFunction?: (layer: Layer) => Layer;
  /** Custom classes used by the model, for the default clone function. */
  customObjects?: CustomObjects;
}

function defaultClone(layer: Layer, customObjects?: CustomObjects): Layer {
  const { buildConfig: _build, ...envelope } = serialize(layer) as SerializedLayer;
  return deserialize(envelope, customObjects);
}

/**
 * A new model with the architecture of `model` and new weights.
 *
 * @example
 * const copy = cloneModel(model);
 * copy.setWeights(model.getWeights()); // same weights too
 */
export function cloneModel<T extends Model>(model: T, options: CloneModelOptions = {}): T {
  const clone = (layer: Layer): Layer =>
    layer instanceof InputLayer ? defaultClone(layer, options.customObjects) : (options.cloneFunction ?? ((l) => defaultClone(l, options.customObjects)))(layer);
  if (model instanceof Sequential) {
    const copy = new Sequential({ name: model.name, trainable: model.trainable });
    for (const layer of model._layerList) copy.add(clone(layer), false);
    if (model._functional) copy.build((model._layerList[0] as InputLayer).batchShape);
    return copy as unknown as T;
  }
  if (model instanceof Functional) {
    const byName = new Map(model._operations.map((op) => [op.name, op]));
    const config = model.getConfig();
    const ctor = model.constructor as typeof Functional;
    return functionalFromConfig(ctor === Functional ? null : ctor, config, options.customObjects, (data) => clone(byName.get(data.name)!)) as unknown as T;
  }
  const ctor = model.constructor as typeof Model;
  try {
    return ctor.fromConfig(model.getConfig(), options.customObjects) as unknown as T;
  } catch (e) {
    throw new ValueError(`Cannot clone the subclassed model "${model.name}" from its config: ${(e as Error).message}`);
  }
}
