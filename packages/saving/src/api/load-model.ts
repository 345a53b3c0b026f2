/** `loadModel`: a model from `.keras`, legacy `.h5` or TF.js `model.json`, from wherever it is. */
import { ValueError, type CustomObjects } from '@strata/core';
import type { Model } from '@strata/models';
import { resolveHandler, type ModelLocation } from '../io/resolve-handler.js';
import { modelFromKerasArchive } from '../keras/keras-archive.js';
import { modelFromLegacyH5 } from '../legacy/legacy-model.js';
import { modelFromTfjs } from '../tfjs/tfjs-model.js';
import type { ZipLimits } from '../zip/zip-limits.js';
import { describeBytes, sniff } from './formats.js';

/** Options of `loadModel`. */
export interface LoadModelOptions {
  /** Classes and functions by name (custom layers, losses…), used before the registries. */
  customObjects?: CustomObjects;
  /** Compile the model from its saved compile state when the model supports it (default true). */
  compile?: boolean;
  /** Limits for `.keras` zips (decompression bombs). */
  zipLimits?: ZipLimits;
}

/**
 * Loads a model saved by Keras 3, Keras 2 / tf.keras, tfjs or Strata, as `keras.models.load_model`. The format is
 * recognised from the bytes: a `.keras` zip, a legacy HDF5 file with `model_config`, or a TF.js `model.json` (its
 * shards are read beside it). Files never run code: a `Lambda` layer or an unknown class fails unless registered.
 *
 * @example
 * const model = await loadModel('mnist.keras');                        // Node
 * const model = await loadModel('https://example.com/model.json');     // browser or Node
 * const model = await loadModel(fileInput.files![0]!);                 // a File
 */
export async function loadModel(location: ModelLocation, options: LoadModelOptions = {}): Promise<Model> {
  const handler = resolveHandler(location);
  if (!handler.read) throw new ValueError(`Cannot load from "${handler.name}": this location is write-only.`);
  const read = handler.read.bind(handler);
  const bytes = await read();
  const label = handler.name;
  switch (sniff(bytes)) {
    case 'zip':
      return modelFromKerasArchive(bytes, label, options);
    case 'hdf5':
      return modelFromLegacyH5(bytes, label, options);
    case 'json':
      return modelFromTfjs(bytes, label, (p) => read(p), options);
    default:
      throw new ValueError(
        `"${label}" is not a model file Strata reads: expected a .keras zip, an HDF5 .h5 file or a TF.js model.json, received ${describeBytes(bytes)}.`,
      );
  }
}
