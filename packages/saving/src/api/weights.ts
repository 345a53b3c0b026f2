/**
 * `saveWeights` / `loadWeights`: Keras 3 `.weights.h5` (and sharded `.weights.json` + shards), legacy `.h5`
 * weights (Keras 1/2/3 layouts, by position or by name), and the weights inside a `.keras` file.
 */
import { ValueError } from '@strata/core';
import type { Model } from '@strata/models';
import { withH5 } from '../h5/h5-reader.js';
import { H5Writer } from '../h5/h5-writer.js';
import { resolveHandler, type ModelLocation } from '../io/resolve-handler.js';
import { KERAS_FORMAT_VERSION } from '../keras/keras-archive.js';
import { collectEntries, restoreEntries } from '../keras/model-state.js';
import { parseShardingConfig, shardedWeightsSource, writeShardedWeights } from '../keras/sharded-weights.js';
import { h5WeightsSource, writeWeightsH5 } from '../keras/weights-h5.js';
import { STRATA_BACKEND } from '../legacy/legacy-model.js';
import { loadLegacyWeights, writeLegacyWeights } from '../legacy/legacy-weights.js';
import { readZip } from '../zip/read-zip.js';
import type { ZipLimits } from '../zip/zip-limits.js';
import { describeBytes, sniff } from './formats.js';

/** Options of `saveWeights`. */
export interface SaveWeightsOptions {
  /** Largest shard, in bytes: writes `<name>.weights.json` plus `<name>_00000.weights.h5`… (Keras' `max_shard_size`, which is in GB). */
  maxShardBytes?: number;
}

/**
 * Saves the weights, as Keras' `save_weights`: `*.weights.h5` (Keras 3), `*.weights.json` (sharded, with
 * `maxShardBytes`), or another `*.h5` name for the legacy layout Keras 2 reads.
 *
 * @example
 * await saveWeights(model, 'ckpt.weights.h5');
 * await saveWeights(model, 'big.weights.json', { maxShardBytes: 100 * 2 ** 20 });
 */
export async function saveWeights(model: Model, location: ModelLocation, options: SaveWeightsOptions = {}): Promise<void> {
  const handler = resolveHandler(location, 'model.weights.h5');
  if (!handler.write) throw new ValueError(`Cannot save to "${handler.name}": this location is read-only.`);
  const name = handler.name;
  let files: Map<string, Uint8Array>;
  if (/\.weights\.json$/i.test(name) || options.maxShardBytes !== undefined) {
    if (!/\.weights\.json$/i.test(name)) throw new ValueError(`Sharded weights need a name ending in ".weights.json", received "${name}".`);
    files = await writeShardedWeights(await collectEntries(model), name, options.maxShardBytes ?? 5 * 2 ** 30);
  } else if (/\.weights\.h5$/i.test(name)) {
    files = new Map([[name, await writeWeightsH5(await collectEntries(model))]]);
  } else if (/\.(h5|hdf5)$/i.test(name)) {
    const w = await H5Writer.create(name);
    try {
      await writeLegacyWeights(w, '', model, KERAS_FORMAT_VERSION, STRATA_BACKEND);
      files = new Map([[name, w.finish()]]);
    } catch (e) {
      w.abort();
      throw e;
    }
  } else {
    throw new ValueError(`The weights file name must end in ".weights.h5" (or ".weights.json" for shards, ".h5" for the legacy layout). Received: "${name}".`);
  }
  await handler.write(files);
}

/** Options of `loadWeights`. */
export interface LoadWeightsOptions {
  /** Legacy `.h5` only: match layers by name instead of by position. */
  byName?: boolean;
  /** Skip, with a warning, layers or weights whose counts or shapes differ. */
  skipMismatch?: boolean;
  zipLimits?: ZipLimits;
}

/**
 * Loads weights into `model`, as Keras' `load_weights`. The kind is recognised from the bytes: Keras 3
 * `.weights.h5` (also tf.keras 2.13's layout), a sharded `.weights.json`, a legacy `.h5` (by position in Keras'
 * layer order, or `byName`), or a `.keras` file. Every count and shape is checked before anything is assigned.
 *
 * @example
 * await loadWeights(model, 'ckpt.weights.h5');
 * await loadWeights(model, 'vgg16_weights_tf_dim_ordering_tf_kernels.h5');            // by position
 * await loadWeights(model, 'old.h5', { byName: true, skipMismatch: true });
 */
export async function loadWeights(model: Model, location: ModelLocation, options: LoadWeightsOptions = {}): Promise<void> {
  const handler = resolveHandler(location, 'model.weights.h5');
  if (!handler.read) throw new ValueError(`Cannot load from "${handler.name}": this location is write-only.`);
  const bytes = await handler.read();
  const label = handler.name;
  const kind = sniff(bytes);
  if (kind === 'hdf5') {
    await withH5(bytes, label, (h5) => {
      const legacy = h5.stringList('', 'layer_names') !== undefined || (h5.isGroup('model_weights') && h5.stringList('model_weights', 'layer_names') !== undefined);
      if (legacy) loadLegacyWeights(model, h5, options);
      else {
        if (options.byName) throw new ValueError(`byName applies to legacy .h5 weights; "${label}" is a Keras 3 weights file, matched by structure.`);
        restoreEntries(model, h5WeightsSource(h5), { skipMismatch: options.skipMismatch, includeOptimizer: false });
      }
    });
    return;
  }
  if (kind === 'json') {
    const config = parseShardingConfig(bytes, label);
    const { source, close } = await shardedWeightsSource(config, label, (f) => handler.read!(f));
    try {
      restoreEntries(model, source, { skipMismatch: options.skipMismatch, includeOptimizer: false });
    } finally {
      close();
    }
    return;
  }
  if (kind === 'zip') {
    const members = readZip(bytes, label, options.zipLimits);
    const weights = members.get('model.weights.h5');
    if (!weights) throw new ValueError(`"${label}" has no model.weights.h5 member.`);
    await withH5(weights, `${label}/model.weights.h5`, (h5) => restoreEntries(model, h5WeightsSource(h5), { skipMismatch: options.skipMismatch, includeOptimizer: false }));
    return;
  }
  throw new ValueError(`"${label}" is not a weights file: expected HDF5 (.weights.h5/.h5), a sharded .weights.json or a .keras zip, received ${describeBytes(bytes)}.`);
}
