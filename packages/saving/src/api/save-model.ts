/** `saveModel`: a model to `.keras`, legacy `.h5` or TF.js `model.json`, wherever it goes. */
import { ValueError } from '@strata/core';
import type { Model } from '@strata/models';
import { resolveHandler, type ModelLocation } from '../io/resolve-handler.js';
import { kerasArchiveBytes } from '../keras/keras-archive.js';
import { legacyH5Bytes } from '../legacy/legacy-model.js';
import { tfjsFiles, type TfjsSaveOptions } from '../tfjs/tfjs-model.js';
import { extensionOf, formatFromName, type ModelFormat } from './formats.js';

/** Options of `saveModel`. */
export interface SaveModelOptions {
  /** The format when the location's name has no `.keras`/`.h5`/`.json` extension (default `'keras'`). */
  format?: ModelFormat;
  /** Store the optimizer state of a compiled model (default true; `.keras` and `.h5`). */
  includeOptimizer?: boolean;
  /** TF.js: shard size in bytes, and weight quantization (`'uint8'`, `'uint16'`, `'float16'`). */
  tfjs?: TfjsSaveOptions;
}

/**
 * Saves `model`, as Keras' `model.save`: `.keras` (Keras 3 zip), `.h5`/`.hdf5` (legacy HDF5, as Keras 3's legacy
 * writer) or `.json` (TF.js layers format with shards beside it), to a path (Node), `indexeddb://name`,
 * `downloads://name`, or an `IOHandler`. Files are written all at once: a failure leaves nothing behind.
 *
 * @example
 * await saveModel(model, 'mnist.keras');
 * await saveModel(model, 'web/model.json');                       // TF.js
 * await saveModel(model, 'indexeddb://mnist');                    // browser
 */
export async function saveModel(model: Model, location: ModelLocation, options: SaveModelOptions = {}): Promise<void> {
  const probe = typeof location === 'string' ? location.replace(/^[a-z]+:\/\//i, '') : '';
  if (/\.weights\.(h5|json)$/i.test(probe)) {
    throw new ValueError(`"${probe}" is a weights file name: use saveWeights(model, "${probe}") to save only the weights, or a .keras name for the model.`);
  }
  const guessed = typeof location === 'string' ? formatFromName(probe) : null;
  const defaultName = `model${extensionOf(guessed ?? options.format ?? 'keras')}`;
  const handler = resolveHandler(
    typeof location === 'string' && location.startsWith('downloads://') && !formatFromName(probe)
      ? `${location}${extensionOf(options.format ?? 'keras')}`
      : location,
    defaultName,
  );
  if (!handler.write) throw new ValueError(`Cannot save to "${handler.name}": this location is read-only.`);
  const format = formatFromName(handler.name) ?? options.format ?? 'keras';
  let files: Map<string, Uint8Array>;
  if (format === 'keras') files = new Map([[handler.name, await kerasArchiveBytes(model, options)]]);
  else if (format === 'h5') files = new Map([[handler.name, await legacyH5Bytes(model, options)]]);
  else files = await tfjsFiles(model, handler.name, options.tfjs);
  await handler.write(files);
}
