/**
 * `keras.applications.inception_v3`: the input preprocessing and prediction decoding that go with InceptionV3 ('tf' mode). The InceptionV3
 * model itself is added with the convolutional layers it needs.
 *
 * @example
 * import { inceptionV3 } from '@strata/applications';
 * const x = inceptionV3.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [299, 299] })));
 */
import type { Tensor } from '@strata/core';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/**
 * Preprocesses images (values 0..255) for InceptionV3: scaled to [-1, 1] as x / 127.5 - 1 (Keras' 'tf' mode).
 *
 * @example
 * inceptionV3.preprocessInput(ops.fill([1, 299, 299, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'tf' });
}
