/**
 * `imgToArray`: Keras' `keras.utils.img_to_array`, from a loaded image to a float32 tensor.
 */
import { ValueError, tensor, type Tensor3D } from '@strata/core';
import type { LoadedImage } from './load-img.js';

/** Options of {@link imgToArray}. */
export interface ImgToArrayOptions {
  /** `'channels_last'` (default): `[height, width, channels]`; `'channels_first'`: `[channels, height, width]`. */
  dataFormat?: 'channels_last' | 'channels_first';
  /** `'float32'` (default) or `'int32'`. */
  dtype?: 'float32' | 'int32';
}

/**
 * The image as a 3-D tensor of its 0..255 values, `[height, width, channels]` (or channels first).
 *
 * @example
 * const x = imgToArray(await loadImg('cat.png')); // Tensor3D float32 [h, w, 3]
 */
export function imgToArray(img: LoadedImage, options: ImgToArrayOptions = {}): Tensor3D {
  const dataFormat = options.dataFormat ?? 'channels_last';
  if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
    throw new ValueError(`imgToArray: expected dataFormat 'channels_last' or 'channels_first', received ${JSON.stringify(dataFormat)}.`);
  }
  const dtype = options.dtype ?? 'float32';
  const { width, height, channels, data } = img;
  if (data.length !== width * height * channels) {
    throw new ValueError(`imgToArray: expected ${width * height * channels} values for ${height}x${width}x${channels}, received ${data.length}.`);
  }
  const values = dtype === 'int32' ? new Int32Array(data.length) : new Float32Array(data.length);
  if (dataFormat === 'channels_last') {
    values.set(data);
    return tensor(values, [height, width, channels], dtype) as Tensor3D;
  }
  const plane = width * height;
  for (let i = 0; i < plane; i++) for (let c = 0; c < channels; c++) values[c * plane + i] = data[i * channels + c]!;
  return tensor(values, [channels, height, width], dtype) as Tensor3D;
}
