/**
 * `@strata/applications`: Keras' ImageNet applications and what goes with them. The builders `VGG16`, `VGG19`,
 * `ResNet50`, `Xception`, `InceptionV3` and `MobileNet` (Keras' `keras.applications.*`: the same layers, names and
 * weight order) return a `Functional` model, with Keras' ImageNet weights downloaded once and cached, or with
 * `weights: null`, or from a weights file. Each model's namespace (`vgg16`, `resnet50`, `mobilenet`…) holds its
 * builder, `preprocessInput` and `decodePredictions`. Also: `getFile` (Keras' `get_file`: cached, hash-checked,
 * retried downloads into `~/.keras`, or the Cache API in browsers), the registry of Keras' ImageNet weight files, and
 * image loading (`loadImg`, `imgToArray`, `loadImgFromSource`).
 *
 * Downloads go to Keras' URLs unless `STRATA_KERAS_WEIGHTS_BASE_URL` (or the `download.baseUrl` option) names a mirror.
 *
 * @example
 * import { MobileNet, ResNet50, resnet50, loadImg, imgToArray } from '@strata/applications';
 * import { ops } from '@strata/core';
 * import { Dense } from '@strata/layers';
 * import { Model } from '@strata/models';
 * const model = await ResNet50();                                    // ImageNet weights, downloaded once and cached
 * const img = await loadImg('elephant.jpg', { targetSize: [224, 224] });
 * const preds = model.predict(resnet50.preprocessInput(ops.expandDims(imgToArray(img), 0)));
 * console.log(await resnet50.decodePredictions(preds, { top: 3 })); // [[['n02504458', 'African_elephant', 0.82], …]]
 *
 * // Transfer learning: a notop base, and a new head on `base.outputs`.
 * const base = await MobileNet({ includeTop: false, inputShape: [160, 160, 3], alpha: 0.5, pooling: 'avg' });
 * const head = new Dense({ units: 5, activation: 'softmax' }).apply(base.outputs[0]);
 * const classifier = new Model({ inputs: base.inputs, outputs: head });
 */
export { VGG16 } from './vgg16.js';
export type { VGG16Options } from './vgg16.js';
export { VGG19 } from './vgg19.js';
export type { VGG19Options } from './vgg19.js';
export { ResNet50 } from './resnet50.js';
export type { ResNet50Options } from './resnet50.js';
export { Xception } from './xception.js';
export type { XceptionOptions } from './xception.js';
export { InceptionV3 } from './inception-v3.js';
export type { InceptionV3Options } from './inception-v3.js';
export { MobileNet } from './mobilenet.js';
export type { MobileNetOptions } from './mobilenet.js';
export type { ApplicationOptions, ApplicationWeights, ClassifierActivation } from './builder/application-options.js';

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
