/**
 * The Keras 3 `.keras` file (`saving_lib.py`): a zip of `metadata.json`, `config.json` (the serialized model,
 * with `build_config` and `compile_config`) and `model.weights.h5`, stored uncompressed in that order.
 */
import { toKerasJson, ValueError, type CustomObjects } from '@strata/core';
import { serialize } from '@strata/layers';
import type { Model } from '@strata/models';
import { modelFromKerasConfig, parseConfigText } from '../config/model-json.js';
import { withH5 } from '../h5/h5-reader.js';
import { readZip } from '../zip/read-zip.js';
import type { ZipLimits } from '../zip/zip-limits.js';
import { writeZip } from '../zip/write-zip.js';
import { collectEntries, restoreEntries } from './model-state.js';
import { parseShardingConfig, shardedWeightsSource } from './sharded-weights.js';
import { h5WeightsSource, writeWeightsH5 } from './weights-h5.js';

/** The Keras version Strata's files follow (written as `keras_version` in `metadata.json`). */
export const KERAS_FORMAT_VERSION = '3.15.1';

/** Keras' `date_saved` format: `YYYY-MM-DD@HH:MM:SS`. */
export function kerasDate(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}@${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** Options of `kerasArchiveBytes`. */
export interface KerasSaveOptions {
  /** Whether to store the optimizer's variables (default true). */
  includeOptimizer?: boolean;
  /** The `date_saved` to record (default now). */
  dateSaved?: Date;
}

/** The model's `config.json` object (Keras JSON). */
export function modelKerasConfig(model: Model): unknown {
  return toKerasJson(serialize(model));
}

/** A `.keras` file of `model`. */
export async function kerasArchiveBytes(model: Model, options: KerasSaveOptions = {}): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const metadata = { keras_version: KERAS_FORMAT_VERSION, date_saved: kerasDate(options.dateSaved ?? new Date()) };
  const config = JSON.stringify(modelKerasConfig(model));
  const weights = await writeWeightsH5(await collectEntries(model, { includeOptimizer: options.includeOptimizer }));
  return writeZip([
    ['metadata.json', encoder.encode(JSON.stringify(metadata))],
    ['config.json', encoder.encode(config)],
    ['model.weights.h5', weights],
  ]);
}

/** Options of `modelFromKerasArchive`. */
export interface KerasLoadOptions {
  customObjects?: CustomObjects;
  /** Limits for the zip (decompression bombs). */
  zipLimits?: ZipLimits;
  /** Whether to restore the optimizer's variables (default true). */
  includeOptimizer?: boolean;
  /** Compile the model from its `compile_config` (default true). */
  compile?: boolean;
}

/** The model in a `.keras` file, with its weights (and optimizer state when compiled). */
export async function modelFromKerasArchive(bytes: Uint8Array, label: string, options: KerasLoadOptions = {}): Promise<Model> {
  const members = readZip(bytes, label, options.zipLimits);
  const configBytes = members.get('config.json');
  if (!configBytes) throw new ValueError(`"${label}" has no config.json: it is not a Keras model file (members: ${JSON.stringify([...members.keys()])}).`);
  const config = parseConfigText(new TextDecoder().decode(configBytes), `config.json in "${label}"`);
  const weights = members.get('model.weights.h5');
  const sharded = members.get('model.weights.json');
  if (!weights && !sharded) {
    const npz = members.has('model.weights.npz');
    throw new ValueError(`"${label}" has no model.weights.h5${npz ? ' (its weights are in the npz format, which Strata does not read)' : ''}.`);
  }
  if (options.compile === false && config && typeof config === 'object' && !Array.isArray(config)) delete (config as Record<string, unknown>).compile_config;
  const model = modelFromKerasConfig(config, options, `config.json in "${label}"`);
  try {
    if (weights) {
      await withH5(weights, `${label}/model.weights.h5`, (h5) => restoreEntries(model, h5WeightsSource(h5), { includeOptimizer: options.includeOptimizer }));
    } else {
      const map = parseShardingConfig(sharded!, `model.weights.json in "${label}"`);
      const { source, close } = await shardedWeightsSource(map, `"${label}"`, async (f) => {
        const m = members.get(f);
        if (!m) throw new ValueError(`"${label}" lacks the weight shard "${f}".`);
        return m;
      });
      try {
        restoreEntries(model, source, { includeOptimizer: options.includeOptimizer });
      } finally {
        close();
      }
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
