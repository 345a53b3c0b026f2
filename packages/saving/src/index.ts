/**
 * `@strata/saving`: Keras 3 `.keras`, legacy Keras `.h5`, weights files (`.weights.h5`, sharded `.weights.json`,
 * legacy `.h5`) and the TF.js layers format, in Node (paths) and the browser (URLs, `File`/`Blob`, IndexedDB,
 * downloads). Importing it adds `model.save()`, `model.saveWeights()` and `model.loadWeights()`.
 *
 * @example
 * import { loadModel, saveModel } from '@strata/saving';
 * await saveModel(model, 'mnist.keras');
 * const again = await loadModel('mnist.keras');
 */
import './api/model-methods.js';

export { saveModel } from './api/save-model.js';
export type { SaveModelOptions } from './api/save-model.js';
export { loadModel } from './api/load-model.js';
export type { LoadModelOptions } from './api/load-model.js';
export { saveWeights, loadWeights } from './api/weights.js';
export type { SaveWeightsOptions, LoadWeightsOptions } from './api/weights.js';
export type { ModelFormat } from './api/formats.js';
export { modelFromJson } from './config/model-json.js';
export type { ModelFromJsonOptions } from './config/model-json.js';
export { upgradeLegacyConfig } from './config/legacy-config.js';
export { KERAS_FORMAT_VERSION } from './keras/keras-archive.js';
export { saveableEntries } from './keras/saveable-tree.js';
export type { SaveableEntry, OptimizerLike } from './keras/saveable-tree.js';
export { toKeras2Config } from './tfjs/keras2-config.js';
export * from './io/index.js';
export { H5Reader, H5Writer } from './h5/index.js';
export { readZip, writeZip } from './zip/index.js';
export type { ZipLimits } from './zip/index.js';
export { quantize, dequantize, encodeWeights, decodeWeights } from './tfjs/index.js';
export type { Quantization, WeightsManifestEntry, WeightsManifestGroup } from './tfjs/index.js';
