/**
 * The TF.js layers format: `model.json` (`format: "layers-model"`, the Keras topology, `weightsManifest`) plus
 * binary shards. Reads tfjs-converter output (Keras 2 `.h5` conversions, with uint8/uint16/float16 quantization)
 * and tfjs-layers saves; writes files tfjs-layers' `loadLayersModel` reads.
 */
import { ValueError, type CustomObjects } from '@strata/core';
import { kerasClassName, type KerasVariable, type Layer } from '@strata/layers';
import type { Model } from '@strata/models';
import { modelFromKerasConfig, parseConfigText } from '../config/model-json.js';
import { fromTensor, toTensor, type NamedArray } from '../host-array.js';
import { modelKerasConfig } from '../keras/keras-archive.js';
import { expandKeepdims } from './keepdims.js';
import { toKeras2Config } from './keras2-config.js';
import {
  concatBytes, decodeWeights, encodeWeights, shardWeights, DEFAULT_SHARD_BYTES,
  type EncodeOptions, type WeightsManifestGroup,
} from './weights-manifest.js';

/** The `model.json` document. */
export interface TfjsModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightsManifestGroup[];
  [key: string]: unknown;
}

/** Options of `tfjsFiles`. */
export interface TfjsSaveOptions extends EncodeOptions {
  /** Shard size in bytes (default 4 MiB, as tfjs-converter). */
  shardBytes?: number;
}

/**
 * Weight names that changed between Keras 2 (which tfjs-layers and tfjs-converter follow) and Keras 3, by layer
 * class: Keras 3 name → Keras 2 name.
 */
const KERAS2_WEIGHT_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DepthwiseConv1D: { kernel: 'depthwise_kernel' },
  DepthwiseConv2D: { kernel: 'depthwise_kernel' },
};

/** The Keras 2 name of a layer's weight (`kernel` of a DepthwiseConv2D is `depthwise_kernel`). */
function keras2WeightName(layer: Layer, name: string): string {
  return KERAS2_WEIGHT_NAMES[kerasClassName(layer)]?.[name] ?? name;
}

/** Each weight's TF.js name: `<layer>/<weight>` for the layer that owns it (nested models' layers by their own names). */
function namedVariables(model: Model): Array<{ name: string; variable: KerasVariable; layer: Layer }> {
  const out: Array<{ name: string; variable: KerasVariable; layer: Layer }> = [];
  const seen = new Set<KerasVariable>();
  for (const layer of model._flattenLayers(true, true)) {
    for (const v of [...layer._trainableVariables, ...layer._nonTrainableVariables]) {
      if (seen.has(v)) continue;
      seen.add(v);
      out.push({ name: `${layer.name}/${keras2WeightName(layer, v.name)}`, variable: v, layer });
    }
  }
  const order = new Map(model.weights.map((v, i) => [v, i]));
  return out.sort((a, b) => (order.get(a.variable) ?? 0) - (order.get(b.variable) ?? 0));
}

/** `model.json` and its shards for `model` (file names as keys; the main file is `mainName`). */
export async function tfjsFiles(model: Model, mainName = 'model.json', options: TfjsSaveOptions = {}): Promise<Map<string, Uint8Array>> {
  const vars = namedVariables(model);
  const arrays: NamedArray[] = [];
  for (const { name, variable } of vars) arrays.push({ name, ...(await fromTensor(variable.value)) });
  const { entries, data } = encodeWeights(arrays, options);
  const shards = shardWeights(data, options.shardBytes ?? DEFAULT_SHARD_BYTES);
  const shapeOf = (name: string) => {
    const out = model.layers.find((l) => l.name === name)?.output;
    return out && !Array.isArray(out) ? out.shape : null;
  };
  const config = toKeras2Config(expandKeepdims(modelKerasConfig(model) as Record<string, unknown>, shapeOf));
  const doc: TfjsModelJson = {
    format: 'layers-model',
    generatedBy: 'Strata (@strata/saving)',
    convertedBy: null,
    modelTopology: { keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js', model_config: config },
    weightsManifest: [{ paths: shards.map(([n]) => n), weights: entries }],
  };
  const files = new Map<string, Uint8Array>();
  for (const [n, bytes] of shards) files.set(n, bytes);
  files.set(mainName, new TextEncoder().encode(JSON.stringify(doc)));
  return files;
}

/** Parses and checks `model.json`. */
export function parseTfjsModelJson(bytes: Uint8Array, label: string): TfjsModelJson {
  const doc = parseConfigText(new TextDecoder().decode(bytes), `"${label}"`) as unknown as TfjsModelJson;
  if (!doc || typeof doc !== 'object') throw new ValueError(`"${label}" is not a TF.js model.json.`);
  if (doc.format === 'graph-model') throw new ValueError(`"${label}" is a TF.js graph model; only layers models ("format": "layers-model") hold a Keras topology.`);
  if (!doc.modelTopology || typeof doc.modelTopology !== 'object') throw new ValueError(`"${label}" has no modelTopology: not a TF.js layers model.`);
  if (!Array.isArray(doc.weightsManifest)) throw new ValueError(`"${label}" has no weightsManifest list.`);
  return doc;
}

/** Reads every group's shards through `read` and decodes the weights. */
export async function readTfjsWeights(doc: TfjsModelJson, label: string, read: (path: string) => Promise<Uint8Array>): Promise<NamedArray[]> {
  const out: NamedArray[] = [];
  for (const [g, group] of doc.weightsManifest.entries()) {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new ValueError(`"${label}": weightsManifest[${g}] needs "paths" and "weights" lists.`);
    const shards = await Promise.all(group.paths.map((p) => read(p)));
    out.push(...decodeWeights(group.weights, concatBytes(shards), `"${label}" group ${g}`));
  }
  return out;
}

/**
 * Assigns TF.js weights to `model` by name, as tfjs-layers' `loadWeights` (strict): each manifest name must match
 * exactly one model weight — `<layer>/<weight>`, its full path, the name with a cell segment dropped (`a/b/c` →
 * `a/c`), or Keras 3 `<layer>/vars/<i>` — and every model weight must be given. Checked before assigning.
 */
export function assignTfjsWeights(model: Model, arrays: readonly NamedArray[], label: string): void {
  const vars = namedVariables(model);
  const byKey = new Map<string, KerasVariable>();
  for (const { name, variable, layer } of vars) {
    byKey.set(name, variable);
    byKey.set(`${layer.name}/${variable.name}`, variable);
    byKey.set(variable.path, variable);
    const own = [...layer._trainableVariables, ...layer._nonTrainableVariables];
    byKey.set(`${layer.name}/vars/${own.indexOf(variable)}`, variable);
  }
  const plan: Array<[KerasVariable, NamedArray]> = [];
  const used = new Set<KerasVariable>();
  for (const a of arrays) {
    const parts = a.name.split('/');
    const candidates = [a.name, parts.slice(-2).join('/'), parts.length > 2 ? [...parts.slice(0, -2), parts.at(-1)].join('/') : '', parts.slice(-3).join('/')];
    const v = candidates.map((c) => byKey.get(c)).find((x) => x !== undefined);
    if (!v) throw new ValueError(`"${label}" holds the weight "${a.name}", which matches no weight of the model (have ${JSON.stringify(vars.map((x) => x.name))}).`);
    if (used.has(v)) throw new ValueError(`"${label}" holds two values for the weight "${v.path}" (the second is "${a.name}").`);
    if (v.shape.length !== a.shape.length || v.shape.some((d, i) => d !== a.shape[i])) {
      throw new ValueError(`Weight "${v.path}" has shape [${v.shape.join(', ')}] in the model, but "${label}" holds "${a.name}" with shape [${a.shape.join(', ')}].`);
    }
    used.add(v);
    plan.push([v, a]);
  }
  const missing = vars.filter((x) => !used.has(x.variable)).map((x) => x.name);
  if (missing.length) throw new ValueError(`"${label}" lacks values for the weights ${JSON.stringify(missing)}.`);
  for (const [v, a] of plan) {
    const t = toTensor(a);
    try {
      v.assign(t);
    } finally {
      t.dispose();
    }
  }
}

/** Options of `modelFromTfjs`. */
export interface TfjsLoadOptions {
  customObjects?: CustomObjects;
}

/** The model in a TF.js `model.json`, with its weights read through `read` (paths relative to model.json). */
export async function modelFromTfjs(bytes: Uint8Array, label: string, read: (path: string) => Promise<Uint8Array>, options: TfjsLoadOptions = {}): Promise<Model> {
  const doc = parseTfjsModelJson(bytes, label);
  const topology = (doc.modelTopology.model_config ?? doc.modelTopology) as Record<string, unknown>;
  const model = modelFromKerasConfig(topology, options, `modelTopology in "${label}"`);
  try {
    assignTfjsWeights(model, await readTfjsWeights(doc, label, read), label);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
