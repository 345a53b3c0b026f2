/**
 * `keras.applications.vgg19`: the input preprocessing and prediction decoding that go with VGG19 ('caffe' mode). The VGG19
 * model itself is added with the convolutional layers it needs.
 *
 * @example
 * import { vgg19 } from '@strata/applications';
 * const x = vgg19.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [224, 224] })));
 */
import type { Tensor } from '@strata/core';
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
