/**
 * `keras.applications.vgg19`: the VGG19 model (Keras' `VGG19`: 16 convolutional layers in five blocks, then three fully-connected layers;
 * 143.7M parameters with the top, 20M without), and the 'caffe' input preprocessing and prediction decoding that go with it.
 *
 * @example
 * import { vgg19 } from '@strata/applications';
 * const model = await vgg19.VGG19();                 // ImageNet weights, downloaded once and cached
 * const x = vgg19.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [224, 224] })));
 */
import type { Tensor } from '@strata/core';
import type { Functional } from '@strata/models';
import type { ApplicationOptions } from './builder/application-options.js';
import { buildVgg } from './vgg/build-vgg.js';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/**
 * Preprocesses images (values 0..255) for VGG19: RGB→BGR, then the ImageNet channel means subtracted (Keras' 'caffe' mode).
 *
 * @example
 * vgg19.preprocessInput(ops.fill([1, 224, 224, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'caffe' });
}

/** Options of {@link VGG19}: Keras' arguments in camelCase (the model name defaults to `'vgg19'`). */
export type VGG19Options = ApplicationOptions;

/**
 * Instantiates the VGG19 model, as Keras' `keras.applications.VGG19` (same layers, names, order and weights). With the
 * top, the input is fixed at 224×224×3; without it, any `inputShape` of at least 32×32 with 3 channels.
 * `weights` is `'imagenet'` (default: Keras' file, downloaded and cached), `null`, or a weights file (path, URL,
 * bytes, Blob) loaded by position. Returns a `Functional` model, as Keras.
 *
 * @example
 * const features = await VGG19({ includeTop: false, weights: null, inputShape: [64, 64, 3], pooling: 'avg' });
 * features.outputShape; // [null, 512]
 */
export async function VGG19(options: VGG19Options = {}): Promise<Functional> {
  return buildVgg(options, { app: 'vgg19', displayName: 'VGG19', defaultName: 'vgg19', convsPerBlock: [2, 2, 4, 4, 4] });
}
