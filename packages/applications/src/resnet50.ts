/**
 * `keras.applications.resnet50`: the ResNet50 model (Keras 3's `ResNet50`, the `conv1_conv` / `conv2_block1_1_conv`
 * naming of `keras/src/applications/resnet.py`: 25.6M parameters with the top, 23.6M without), and the 'caffe' input
 * preprocessing and prediction decoding that go with it.
 *
 * @example
 * import { resnet50 } from '@strata/applications';
 * const model = await resnet50.ResNet50();           // ImageNet weights, downloaded once and cached
 * const x = resnet50.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [224, 224] })));
 */
import type { Tensor } from '@strata/core';
import type { KerasTensor } from '@strata/layers';
import type { Functional } from '@strata/models';
import type { ApplicationOptions } from './builder/application-options.js';
import { ResNet } from './resnet/resnet.js';
import { stackResidualBlocksV1 } from './resnet/residual-block-v1.js';
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

/** Options of {@link ResNet50}: Keras' arguments in camelCase (the model name defaults to `'resnet50'`). */
export type ResNet50Options = ApplicationOptions;

/** Keras' `stack_fn` of ResNet50: 3, 4, 6 and 3 bottleneck blocks in stages conv2…conv5. */
function stackFn(x: KerasTensor): KerasTensor {
  x = stackResidualBlocksV1(x, 64, 3, { stride1: 1, name: 'conv2' });
  x = stackResidualBlocksV1(x, 128, 4, { name: 'conv3' });
  x = stackResidualBlocksV1(x, 256, 6, { name: 'conv4' });
  return stackResidualBlocksV1(x, 512, 3, { name: 'conv5' });
}

/**
 * Instantiates the ResNet50 architecture, as Keras' `keras.applications.ResNet50` (same layers, names, order and
 * weights; BatchNormalization epsilon 1.001e-5). With the top, the input is 224×224×3; without it, any `inputShape` of
 * at least 32×32 with 3 channels. `weights` is `'imagenet'` (default: Keras' file, downloaded and cached), `null`, or a
 * weights file (path, URL, bytes, Blob) loaded by position. Returns a `Functional` model, as Keras.
 *
 * @example
 * const backbone = await ResNet50({ includeTop: false, weights: null, inputShape: [96, 96, 3], pooling: 'avg' });
 * backbone.outputShape; // [null, 2048]
 */
export async function ResNet50(options: ResNet50Options = {}): Promise<Functional> {
  return ResNet(stackFn, { preact: false, useBias: true, displayName: 'ResNet50', name: 'resnet50', weightsName: 'resnet50' }, options);
}
