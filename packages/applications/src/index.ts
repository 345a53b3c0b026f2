/**
 * `@strata/applications`: Keras' ImageNet applications and what goes with them. Today: `getFile` (Keras'
 * `get_file`: cached, hash-checked, retried downloads into `~/.keras`, or the Cache API in browsers), the registry
 * of Keras' ImageNet weight files, `preprocessInput` / `decodePredictions` (generic and per model), and image
 * loading (`loadImg`, `imgToArray`, `loadImgFromSource`). The models themselves (Xception, VGG16, VGG19, ResNet50,
 * InceptionV3, MobileNet) follow once their layers exist.
 *
 * Downloads go to Keras' URLs unless `STRATA_KERAS_WEIGHTS_BASE_URL` (or the `baseUrl` option) names a mirror.
 *
 * @example
 * import { loadImg, imgToArray, vgg16 } from '@strata/applications';
 * import { ops } from '@strata/core';
 * const img = await loadImg('elephant.jpg', { targetSize: [224, 224] });
 * const x = vgg16.preprocessInput(ops.expandDims(imgToArray(img), 0));
 * // later: const preds = model.predict(x); await vgg16.decodePredictions(preds, { top: 3 });
 */
export { getFile, getFileBytes } from './utils/file-utils/get-file.js';
export type { GetFileOptions } from './utils/file-utils/get-file.js';
export { DownloadError } from './utils/file-utils/download.js';
export type { DownloadProgress } from './utils/file-utils/download.js';
export { resolveHashAlgorithm } from './utils/file-utils/hash.js';
export type { HashAlgorithm, HashAlgorithmOption } from './utils/file-utils/hash.js';
export { HDF5_SIGNATURE } from './utils/file-utils/file-checks.js';
export type { UnhashedFileCheck } from './utils/file-utils/file-checks.js';

export {
  imagenetWeightsFile, applicationName, mobilenetSizeRange, KERAS_WEIGHTS_BASE_URL, MOBILENET_ALPHAS, MOBILENET_ROWS, MOBILENET_PARAMS,
} from './weights/registry.js';
export type { ApplicationName, WeightsFile, WeightsFileOptions } from './weights/registry.js';
export { getImagenetWeights } from './weights/get-weights-file.js';
export type { GetImagenetWeightsOptions } from './weights/get-weights-file.js';
export { WEIGHTS_BASE_URL_ENV, mirrorBaseUrl } from './weights/weights-source.js';
export type { WeightsSourceOptions } from './weights/weights-source.js';

export * as imagenetUtils from './imagenet-utils/index.js';
export { preprocessInput, decodePredictions, loadClassIndex } from './imagenet-utils/index.js';
export type { PreprocessInputOptions, PreprocessMode, ClassIndex, DecodedPrediction, DecodePredictionsOptions } from './imagenet-utils/index.js';
export * as xception from './xception.js';
export * as vgg16 from './vgg16.js';
export * as vgg19 from './vgg19.js';
export * as resnet50 from './resnet50.js';
export * as inceptionV3 from './inception-v3.js';
export * as mobilenet from './mobilenet.js';

export { loadImg, loadImgFromSource, processImage } from './utils/image-utils/load-img.js';
export type { LoadImgOptions, LoadedImage } from './utils/image-utils/load-img.js';
export { imgToArray } from './utils/image-utils/img-to-array.js';
export type { ImgToArrayOptions } from './utils/image-utils/img-to-array.js';
export { resizePixels, INTERPOLATIONS } from './utils/image-utils/resize.js';
export type { Interpolation, Pixels } from './utils/image-utils/resize.js';
