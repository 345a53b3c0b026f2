/**
 * `preprocessInput`: Keras' `keras.applications.imagenet_utils.preprocess_input`, which turns RGB images with
 * values in 0..255 into what an ImageNet model expects.
 */
import { ValueError, ops, tensor, tidy, type Tensor } from '@strata/core';

/** How to preprocess: `'caffe'` (RGB→BGR, minus the ImageNet mean), `'tf'` (to [-1, 1]), `'torch'` (to 0..1, then standardised). */
export type PreprocessMode = 'caffe' | 'tf' | 'torch';

/** Options of {@link preprocessInput}. */
export interface PreprocessInputOptions {
  /** Default `'caffe'`, as Keras. */
  mode?: PreprocessMode;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: 'channels_last' | 'channels_first' | null;
}

const CAFFE_MEAN = [103.939, 116.779, 123.68];
const TORCH_MEAN = [0.485, 0.456, 0.406];
const TORCH_STD = [0.229, 0.224, 0.225];

/**
 * Preprocesses a 3-D image or 4-D batch of RGB images (any numeric dtype, values 0..255) and returns a new float32
 * tensor; the input is not changed.
 * - `'caffe'`: channels reversed to BGR, then the means `[103.939, 116.779, 123.68]` subtracted (no scaling);
 * - `'tf'`: `x / 127.5 - 1`;
 * - `'torch'`: `x / 255`, minus `[0.485, 0.456, 0.406]`, divided by `[0.229, 0.224, 0.225]`.
 *
 * @example
 * const x = preprocessInput(imgToArray(img), { mode: 'caffe' }); // what VGG16 and ResNet50 expect
 */
export function preprocessInput(x: Tensor, options: PreprocessInputOptions = {}): Tensor {
  const mode = options.mode ?? 'caffe';
  if (mode !== 'caffe' && mode !== 'tf' && mode !== 'torch') {
    throw new ValueError(`Expected mode to be one of \`caffe\`, \`tf\` or \`torch\`. Received: mode=${String(mode)}`);
  }
  const dataFormat = options.dataFormat ?? 'channels_last';
  if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
    throw new ValueError(`Expected data_format to be one of \`channels_first\` or \`channels_last\`. Received: data_format=${String(dataFormat)}`);
  }
  const rank = x.shape.length;
  if (rank < 3 || rank > 4) {
    throw new ValueError(`preprocessInput: expected a 3-D image or a 4-D batch of images, received shape [${x.shape.join(', ')}].`);
  }
  const channelAxis = dataFormat === 'channels_last' ? rank - 1 : rank === 3 ? 0 : 1;
  if (mode !== 'tf' && x.shape[channelAxis] !== 3) {
    throw new ValueError(
      `preprocessInput: mode '${mode}' expects 3 colour channels on axis ${channelAxis} (${dataFormat}), ` +
        `received shape [${x.shape.join(', ')}].`,
    );
  }
  return tidy(() => {
    let y = x.dtype === 'float32' ? x : ops.cast(x, 'float32');
    if (mode === 'tf') return ops.sub(ops.div(y, 127.5), 1);
    const meanShape = [3, ...new Array<number>(rank - 1 - channelAxis).fill(1)];
    if (mode === 'torch') {
      y = ops.div(y, 255);
      y = ops.sub(y, tensor(TORCH_MEAN, meanShape, 'float32'));
      return ops.div(y, tensor(TORCH_STD, meanShape, 'float32'));
    }
    y = ops.reverse(y, channelAxis);
    return ops.sub(y, tensor(CAFFE_MEAN, meanShape, 'float32'));
  });
}
