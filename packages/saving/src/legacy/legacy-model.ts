/**
 * Legacy full-model `.h5` files (`legacy_h5_format.py` `save_model_to_hdf5` / `load_model_from_hdf5`): root
 * attributes `keras_version`, `backend`, `model_config` (JSON) and, for a compiled model, `training_config`; the
 * weights in `model_weights` (legacy layout) and the optimizer's in `optimizer_weights`.
 */
import { dispose, fromKerasJson, toKerasJson, ValueError, type CustomObjects } from '@strata/core';
import { serialize } from '@strata/layers';
import type { Model } from '@strata/models';
import { modelFromKerasConfig, parseConfigText } from '../config/model-json.js';
import { withH5 } from '../h5/h5-reader.js';
import { H5Writer } from '../h5/h5-writer.js';
import { fromTensor, toTensor } from '../host-array.js';
import type { OptimizerLike } from '../keras/saveable-tree.js';
import { KERAS_FORMAT_VERSION } from '../keras/keras-archive.js';
import { loadLegacyWeights, writeLegacyWeights } from './legacy-weights.js';

/** The backend name Strata records in HDF5 files. */
export const STRATA_BACKEND = 'strata';

type Json = Record<string, unknown>;

/**
 * The legacy serializer's envelope: the model and each layer entry become `{ class_name, config }` (plus `name` and
 * `inbound_nodes` in a functional model), without `module`, `registered_name` or `build_config`; objects inside
 * layer configs keep their Keras 3 envelopes, as Keras 3's legacy writer leaves them.
 */
export function legacyEnvelope(entry: Json): Json {
  const config = { ...(entry.config as Json) };
  if (Array.isArray(config.layers)) config.layers = (config.layers as Json[]).map((l) => legacyEnvelope(l));
  const out: Json = { class_name: entry.class_name, config };
  if ('name' in entry) out.name = entry.name;
  if ('inbound_nodes' in entry) out.inbound_nodes = entry.inbound_nodes;
  return out;
}

/** A compiled model's optimizer, if any. */
export function optimizerOf(model: Model): OptimizerLike | null {
  const opt = (model as unknown as { optimizer?: OptimizerLike | null }).optimizer;
  return opt && Array.isArray(opt.variables) && typeof opt.setWeights === 'function' ? opt : null;
}

/** Options of `legacyH5Bytes`. */
export interface LegacySaveOptions {
  includeOptimizer?: boolean;
}

/** A legacy full-model `.h5` file of `model`, as Keras 3's legacy writer writes it. */
export async function legacyH5Bytes(model: Model, options: LegacySaveOptions = {}): Promise<Uint8Array> {
  const w = await H5Writer.create('model.h5');
  try {
    w.stringAttr('', 'keras_version', KERAS_FORMAT_VERSION);
    w.stringAttr('', 'backend', STRATA_BACKEND);
    const full = toKerasJson(serialize(model)) as Json;
    w.stringAttr('', 'model_config', JSON.stringify(legacyEnvelope(full)));
    const optimizer = optimizerOf(model);
    const compileConfig = full.compile_config as Json | undefined;
    if (options.includeOptimizer !== false && optimizer && compileConfig && Object.keys(compileConfig).length) {
      const { optimizer: optConfig, ...rest } = compileConfig;
      const opt = optConfig as Json | undefined;
      const training = { ...rest, optimizer_config: opt ? { class_name: opt.class_name, config: opt.config } : null };
      w.stringAttr('', 'training_config', JSON.stringify(training));
    }
    w.group('model_weights');
    await writeLegacyWeights(w, 'model_weights', model, KERAS_FORMAT_VERSION, STRATA_BACKEND);
    if (options.includeOptimizer !== false && optimizer && optimizer.variables.length) {
      const vars = optimizer.variables as ReadonlyArray<{ value: Parameters<typeof fromTensor>[0]; name?: string; path?: string }>;
      const names = vars.map((v, i) => v.path ?? `${optimizer.name}/${v.name ?? `param_${i}`}`);
      w.group('optimizer_weights');
      w.stringListAttr('optimizer_weights', 'weight_names', names);
      for (let i = 0; i < vars.length; i++) w.dataset(`optimizer_weights/${names[i]}`, await fromTensor(vars[i]!.value));
    }
    return w.finish();
  } catch (e) {
    w.abort();
    throw e;
  }
}

/**
 * A Keras 2 optimizer config in Keras 3's terms: `lr` → `learning_rate`; the legacy `decay` (a per-step
 * learning-rate decay Keras 3 dropped) is removed, with a warning when it was not 0.
 */
export function upgradeOptimizerConfig(optimizer: unknown): unknown {
  if (!optimizer || typeof optimizer !== 'object' || Array.isArray(optimizer)) return optimizer;
  const env = optimizer as Json;
  if (!env.config || typeof env.config !== 'object') return optimizer;
  const config = { ...(env.config as Json) };
  if ('lr' in config && !('learning_rate' in config)) config.learning_rate = config.lr;
  delete config.lr;
  if ('decay' in config) {
    if (config.decay) console.warn(`The saved ${String(env.class_name)} optimizer used decay=${String(config.decay)}, which Keras 3 and Strata do not support; it was dropped.`);
    delete config.decay;
  }
  return { ...env, config };
}

/** Options of `modelFromLegacyH5`. */
export interface LegacyModelLoadOptions {
  customObjects?: CustomObjects;
  /** Compile the model from `training_config` when the model supports it (default true). */
  compile?: boolean;
}

/** The model in a legacy full-model `.h5` file, with its weights (compiled, with optimizer state, when possible). */
export async function modelFromLegacyH5(bytes: Uint8Array, label: string, options: LegacyModelLoadOptions = {}): Promise<Model> {
  return withH5(bytes, label, (h5) => {
    const text = h5.stringAttr('', 'model_config');
    if (text === undefined) {
      throw new ValueError(`"${label}" has no model_config: it holds weights only. Build the model and call loadWeights(model, "${label}").`);
    }
    const config = parseConfigText(text, `model_config in "${label}"`);
    const model = modelFromKerasConfig(config, options, `model_config in "${label}"`);
    try {
      loadLegacyWeights(model, h5);
      const trainingText = h5.stringAttr('', 'training_config');
      const compileFromConfig = (model as unknown as { compileFromConfig?: (c: Json, customObjects?: CustomObjects) => void }).compileFromConfig;
      if (options.compile !== false && trainingText && typeof compileFromConfig === 'function') {
        const training = parseConfigText(trainingText, `training_config in "${label}"`) as Json;
        const { optimizer_config: optimizer, ...rest } = training;
        compileFromConfig.call(model, fromKerasJson({ ...rest, optimizer: upgradeOptimizerConfig(optimizer) }) as Json, options.customObjects);
        const opt = optimizerOf(model);
        const names = h5.isGroup('optimizer_weights') ? h5.stringList('optimizer_weights', 'weight_names') ?? [] : [];
        if (opt && names.length) {
          if (!opt.built) opt.build(model.trainableWeights);
          if (opt.variables.length !== names.length) {
            console.warn(`"${label}": the optimizer has ${opt.variables.length} variables but the file holds ${names.length}; its state was not restored.`);
          } else {
            const tensors = names.map((n) => toTensor(h5.dataset(`optimizer_weights/${n}`)));
            try {
              opt.setWeights(tensors);
            } finally {
              dispose(tensors);
            }
          }
        }
      }
    } catch (e) {
      model.dispose();
      throw e;
    }
    return model;
  });
}
