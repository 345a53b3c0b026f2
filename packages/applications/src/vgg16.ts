/**
 * `keras.applications.vgg16`: the VGG16 model (Keras' `VGG16`: 13 convolutional layers in five blocks, then three fully-connected layers;
 * 138.4M parameters with the top, 14.7M without), and the 'caffe' input preprocessing and prediction decoding that go with it.
 *
 * @example
 * import { vgg16 } from '@strata/applications';
 * const model = await vgg16.VGG16();                 // ImageNet weights, downloaded once and cached
 * const x = vgg16.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [224, 224] })));
 */
import type { Tensor } from '@strata/core';
import type { Functional } from '@strata/models';
import type { ApplicationOptions } from './builder/application-options.js';
import { buildVgg } from './vgg/build-vgg.js';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/**
 * Preprocesses images (values 0..255) for VGG16: RGB→BGR, then the ImageNet channel means subtracted (Keras' 'caffe' mode).
 *
 * @example
 * vgg16.preprocessInput(ops.fill([1, 224, 224, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'caffe' });
}

/** Options of {@link VGG16}: Keras' arguments in camelCase (the model name defaults to `'vgg16'`). */
export type VGG16Options = ApplicationOptions;

/**
 * Instantiates the VGG16 model, as Keras' `keras.applications.VGG16` (same layers, names, order and weights). With the
 * top, the input is fixed at 224×224×3; without it, any `inputShape` of at least 32×32 with 3 channels.
 * `weights` is `'imagenet'` (default: Keras' file, downloaded and cached), `null`, or a weights file (path, URL,
 * bytes, Blob) loaded by position. Returns a `Functional` model, as Keras.
 *
 * @example
 * const features = await VGG16({ includeTop: false, weights: null, inputShape: [64, 64, 3], pooling: 'avg' });
 * features.outputShape; // [null, 512]
 */
export async function VGG16(options: VGG16Options = {}): Promise<Functional> {
  return buildVgg(options, { app: 'vgg16', displayName: 'VGG16', defaultName: 'vgg16', convsPerBlock: [2, 2, 3, 3, 3] });
}
