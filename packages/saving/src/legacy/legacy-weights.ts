/**
 * Legacy Keras HDF5 weights (`legacy_h5_format.py`; Keras 1/2 `save_weights`, the `model_weights` group of a
 * full-model `.h5`): attribute `layer_names` (possibly chunked `layer_names0…`) lists the layers; each layer's
 * group lists its arrays in `weight_names` (paths relative to the group, possibly nested: `dense_1/kernel:0`).
 * Loading matches layers by position (Keras' default) or by name, with `skipMismatch`.
 */
import { dispose, ValueError, type Tensor } from '@strata/core';
import type { KerasVariable, Layer } from '@strata/layers';
import type { Model } from '@strata/models';
import type { H5Reader } from '../h5/h5-reader.js';
import type { H5Writer } from '../h5/h5-writer.js';
import { fromTensor, toTensor, type HostArray } from '../host-array.js';

/** The group that holds the layers: the root of a weights file, or `model_weights` of a full-model file. */
export function legacyWeightsRoot(h5: H5Reader): string {
  if (h5.stringList('', 'layer_names') !== undefined) return '';
  if (h5.isGroup('model_weights') && h5.stringList('model_weights', 'layer_names') !== undefined) return 'model_weights';
  throw new ValueError(`"${h5.label}" is not a Keras HDF5 weights file: no "layer_names" attribute at the root or in "model_weights".`);
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

/** A layer's arrays in the file, in `weight_names` order. */
export function legacyLayerWeights(h5: H5Reader, root: string, layerName: string): { names: string[]; arrays: HostArray[] } {
  const group = join(root, layerName);
  if (!h5.isGroup(group)) throw new ValueError(`"${h5.label}" lists the layer "${layerName}" in layer_names but has no group "${group}".`);
  const names = h5.stringList(group, 'weight_names') ?? [];
  const arrays = names.map((n) => {
    const path = join(group, n);
    if (!h5.isDataset(path)) throw new ValueError(`"${h5.label}": layer "${layerName}" lists the weight "${n}", but there is no dataset at "${path}".`);
    return h5.dataset(path);
  });
  return { names, arrays };
}

/** Keras' `_legacy_weights`: trainable weights, then non-trainable (all weights of a nested model, flattened). */
export function legacyWeights(layer: Layer): KerasVariable[] {
  return [...layer.trainableWeights, ...layer.nonTrainableWeights];
}

/** Options of `loadLegacyWeights`. */
export interface LegacyLoadOptions {
  /** Match layers by name instead of by position (Keras' `by_name`). */
  byName?: boolean;
  /** Skip (with a warning) weights whose shapes differ — and, by name, layers whose weight counts differ. */
  skipMismatch?: boolean;
}

interface Assignment {
  variable: KerasVariable;
  value: HostArray;
}

function shapeString(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

function planLayer(layer: Layer, values: HostArray[], label: string, skipMismatch: boolean, out: Assignment[]): void {
  const vars = legacyWeights(layer);
  vars.forEach((v, i) => {
    const got = values[i]!.shape;
    if (got.length !== v.shape.length || got.some((d, j) => d !== v.shape[j])) {
      const msg = `Shape mismatch in ${label} for weight ${v.path}. Weight expects shape ${shapeString(v.shape)}. Received saved weight with incompatible shape ${shapeString(got)}.`;
      if (skipMismatch) { console.warn(`Skipping loading weights: ${msg}`); return; }
      throw new ValueError(msg);
    }
    out.push({ variable: v, value: values[i]! });
  });
}

function applyAll(assignments: Assignment[]): void {
  for (const { variable, value } of assignments) {
    const t: Tensor = toTensor(value);
    try {
      variable.assign(t);
    } finally {
      dispose(t);
    }
  }
}

/**
 * Loads legacy HDF5 weights into `model`, as Keras' `load_weights` for `.h5`: by position over the layers that have
 * weights (counts must match), or by name. Everything is checked before any weight is assigned.
 */
export function loadLegacyWeights(model: Model, h5: H5Reader, options: LegacyLoadOptions = {}): void {
  const root = legacyWeightsRoot(h5);
  const layerNames = h5.stringList(root, 'layer_names')!;
  const skip = options.skipMismatch ?? false;
  const plan: Assignment[] = [];
  if (options.byName) {
    const index = new Map<string, Layer[]>();
    for (const layer of model.layers) index.set(layer.name, [...(index.get(layer.name) ?? []), layer]);
    layerNames.forEach((name, k) => {
      const targets = index.get(name) ?? [];
      if (!targets.length) return;
      const { arrays } = legacyLayerWeights(h5, root, name);
      for (const layer of targets) {
        const expected = legacyWeights(layer).length;
        if (arrays.length !== expected) {
          const msg = `Weight count mismatch for layer #${k} (named ${layer.name}). Layer expects ${expected} weight(s). Received ${arrays.length} saved weight(s).`;
          if (skip) { console.warn(`Skipping loading layer ${layer.name}: ${msg}`); continue; }
          throw new ValueError(msg);
        }
        planLayer(layer, arrays, `layer #${k} (named ${layer.name})`, skip, plan);
      }
    });
  } else {
    const layers = model.layers.filter((l) => legacyWeights(l).length > 0);
    const saved = layerNames.filter((n) => (h5.stringList(join(root, n), 'weight_names') ?? []).length > 0);
    if (saved.length !== layers.length) {
      throw new ValueError(
        `Layer count mismatch when loading weights from file "${h5.label}". Model expected ${layers.length} layers with weights ` +
          `(${JSON.stringify(layers.map((l) => l.name))}), found ${saved.length} saved layers (${JSON.stringify(saved)}).`,
      );
    }
    saved.forEach((name, k) => {
      const layer = layers[k]!;
      const { arrays } = legacyLayerWeights(h5, root, name);
      const expected = legacyWeights(layer).length;
      if (arrays.length !== expected) {
        throw new ValueError(
          `Weight count mismatch for layer #${k} (named ${layer.name} in the current model, ${name} in the save file). ` +
            `Layer expects ${expected} weight(s). Received ${arrays.length} saved weight(s).`,
        );
      }
      planLayer(layer, arrays, `layer #${k} (named ${layer.name})`, skip, plan);
    });
  }
  const top = join(root, 'top_level_model_weights');
  if (h5.isGroup(top)) {
    const names = h5.stringList(top, 'weight_names') ?? [];
    const own = [...model._trainableVariables, ...model._nonTrainableVariables];
    if (names.length && names.length === own.length) {
      const arrays = names.map((n) => h5.dataset(join(top, n)));
      own.forEach((v, i) => plan.push({ variable: v, value: arrays[i]! }));
    }
  }
  applyAll(plan);
}

/**
 * Writes `model`'s weights in the legacy layout into `group` of `w`, as Keras 3's `save_weights_to_hdf5_group`:
 * `layer_names` (every layer, model order), `backend`, `keras_version`, one group per layer (created in name order)
 * with `weight_names` = each variable's path and a dataset at that path, and `top_level_model_weights`.
 */
export async function writeLegacyWeights(w: H5Writer, group: string, model: Model, kerasVersion: string, backend: string): Promise<void> {
  const layers = model.layers;
  w.stringListAttr(group, 'layer_names', layers.map((l) => l.name));
  w.stringAttr(group, 'backend', backend);
  w.stringAttr(group, 'keras_version', kerasVersion);
  const writeSubset = async (g: string, vars: KerasVariable[]): Promise<void> => {
    w.group(g);
    const names = vars.map((v) => v.path);
    w.stringListAttr(g, 'weight_names', names);
    for (const v of vars) w.dataset(join(g, v.path), await fromTensor(v.value));
  };
  for (const layer of [...layers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    await writeSubset(join(group, layer.name), legacyWeights(layer));
  }
  const all = new Set(model.weights);
  await writeSubset(join(group, 'top_level_model_weights'), [...model._trainableVariables, ...model._nonTrainableVariables].filter((v) => all.has(v)));
}
