/**
 * `keras.applications.resnet50`: the input preprocessing and prediction decoding that go with ResNet50 ('caffe' mode). The ResNet50
 * model itself is added with the convolutional layers it needs.
 *
 * @example
 * import { resnet50 } from '@strata/applications';
 * const x = resnet50.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [224, 224] })));
 */
import type { Tensor } from '@strata/core';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/**
 * Preprocesses images (values 0..255) for ResNet50: RGB→BGR, then the ImageNet channel means subtracted (Keras' 'caffe' mode).
 *
 * @example
 * resnet50.preprocessInput(ops.fill([1, 224, 224, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'caffe' });
}
