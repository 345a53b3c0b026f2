/**
 * Loads an application's weights as Keras does at the end of each builder: `'imagenet'` downloads (or finds in the
 * cache) Keras' file and loads it by position; a path, URL, bytes or Blob is loaded the same way; `null` does nothing.
 *
 * @example
 * await loadApplicationWeights(model, 'vgg16', 'imagenet', { includeTop: true });
 */
import type { Model } from '@strata/models';
import { loadWeights, type IOHandler } from '@strata/saving';
import { platform } from '#platform';
import type { ApplicationName } from '../weights/registry.js';
import { getImagenetWeights, type GetImagenetWeightsOptions } from '../weights/get-weights-file.js';
import type { ApplicationWeights } from './application-options.js';

/** The cached file at `location` (a path in Node, a cache key in browsers), named by it in loading errors. */
function cachedFile(location: string): IOHandler {
  return { name: location, read: () => platform.store.readAll(location) };
}

/**
 * Loads `weights` into `model`: Keras' ImageNet file for `app` (through the shared cache, hash-checked), or the given
 * file, by position in Keras' layer order; shapes and counts are checked before anything is assigned. If the
 * download or the load fails, the model is disposed (the builder never returns it) and the error is rethrown.
 *
 * @example
 * await loadApplicationWeights(model, 'mobilenet', 'imagenet', { includeTop: false, alpha: 0.5, inputSize: [160, 160] });
 */
export async function loadApplicationWeights(
  model: Model,
  app: ApplicationName,
  weights: ApplicationWeights,
  options: GetImagenetWeightsOptions = {},
): Promise<void> {
  if (weights === null) return;
  try {
    await loadWeights(model, weights === 'imagenet' ? cachedFile(await getImagenetWeights(app, options)) : weights);
  } catch (e) {
    model.dispose();
    throw e;
  }
}
