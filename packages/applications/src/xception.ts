/**
 * `keras.applications.xception`: the input preprocessing and prediction decoding that go with Xception ('tf' mode). The Xception
 * model itself is added with the convolutional layers it needs.
 *
 * @example
 * import { xception } from '@strata/applications';
 * const x = xception.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [299, 299] })));
 */
import type { Tensor } from '@strata/core';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/**
 * Preprocesses images (values 0..255) for Xception: scaled to [-1, 1] as x / 127.5 - 1 (Keras' 'tf' mode).
 *
 * @example
 * xception.preprocessInput(ops.fill([1, 299, 299, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'tf' });
}
