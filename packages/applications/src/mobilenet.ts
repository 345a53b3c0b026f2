/**
 * `keras.applications.mobilenet`: the input preprocessing and prediction decoding that go with MobileNet ('tf' mode). The MobileNet
 * model itself is added with the convolutional layers it needs.
 *
 * @example
 * import { mobilenet } from '@strata/applications';
 * const x = mobilenet.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [224, 224] })));
 */
import type { Tensor } from '@strata/core';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/**
 * Preprocesses images (values 0..255) for MobileNet: scaled to [-1, 1] as x / 127.5 - 1 (Keras' 'tf' mode).
 *
 * @example
 * mobilenet.preprocessInput(ops.fill([1, 224, 224, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'tf' });
}
