/**
 * `keras.applications.imagenet_utils`: `preprocessInput` and `decodePredictions` for ImageNet models.
 *
 * @example
 * import { imagenetUtils } from '@strata/applications';
 * const x = imagenetUtils.preprocessInput(batch, { mode: 'torch' });
 */
export { preprocessInput } from './preprocess-input.js';
export type { PreprocessInputOptions, PreprocessMode } from './preprocess-input.js';
export { decodePredictions, loadClassIndex, CLASS_INDEX_URL, CLASS_INDEX_FNAME, CLASS_INDEX_HASH } from './decode-predictions.js';
export type { ClassIndex, DecodedPrediction, DecodePredictionsOptions } from './decode-predictions.js';
export { obtainInputShape, formatShape } from './obtain-input-shape.js';
export type { ObtainInputShapeArgs, ImageShape } from './obtain-input-shape.js';
export { validateActivation } from './validate-activation.js';
