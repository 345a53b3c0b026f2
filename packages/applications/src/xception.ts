/**
 * `keras.applications.xception`: the Xception model (Chollet, CVPR 2017), its input preprocessing ('tf' mode) and
 * prediction decoding.
 *
 * @example
 * import { xception } from '@strata/applications';
 * const model = await xception.Xception();
 * const x = xception.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [299, 299] })));
 */
import { ValueError, type Tensor } from '@strata/core';
import {
  Activation, Add, BatchNormalization, Conv2D, MaxPooling2D, SeparableConv2D, type KerasTensor,
} from '@strata/layers';
import { Functional } from '@strata/models';
import { isWeightsArgument, resolveApplicationOptions, type ApplicationOptions } from './builder/application-options.js';
import { globalPoolingTop } from './builder/global-pooling-top.js';
import { loadApplicationWeights } from './builder/load-application-weights.js';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/** Options of {@link Xception}: the common application options (Keras' arguments in camelCase). */
export type XceptionOptions = ApplicationOptions;

/** Keras' `channel_axis` for channels_last. */
const CHANNEL_AXIS = -1;

/** `SeparableConv2D(filters, 3, padding="same", use_bias=False, name)` then its `BatchNormalization`, as Keras writes each pair. */
function sepConvBn(x: KerasTensor, filters: number, name: string): KerasTensor {
  x = new SeparableConv2D({ filters, kernelSize: [3, 3], padding: 'same', useBias: false, name }).apply(x);
  return new BatchNormalization({ axis: CHANNEL_AXIS, name: `${name}_bn` }).apply(x);
}

/** The auto-named 1×1 stride-2 shortcut (`conv2d`, `batch_normalization`…), created before its block as Keras does. */
function shortcut(x: KerasTensor, filters: number): KerasTensor {
  const residual = new Conv2D({ filters, kernelSize: [1, 1], strides: [2, 2], padding: 'same', useBias: false }).apply(x);
  return new BatchNormalization({ axis: CHANNEL_AXIS }).apply(residual);
}

const relu = (x: KerasTensor, name: string): KerasTensor => new Activation({ activation: 'relu', name }).apply(x);

/**
 * A downsampling block (blocks 3, 4 and 13): shortcut, relu → sepconv → bn twice, max pool, add. Block 2 has no
 * leading relu (`block2_sepconv1` follows `block1_conv2_act` directly).
 */
function downBlock(x: KerasTensor, block: number, filters: [number, number], leadingRelu: boolean): KerasTensor {
  const residual = shortcut(x, filters[1]);
  const p = `block${block}`;
  if (leadingRelu) x = relu(x, `${p}_sepconv1_act`);
  x = sepConvBn(x, filters[0], `${p}_sepconv1`);
  x = relu(x, `${p}_sepconv2_act`);
  x = sepConvBn(x, filters[1], `${p}_sepconv2`);
  x = new MaxPooling2D({ poolSize: [3, 3], strides: [2, 2], padding: 'same', name: `${p}_pool` }).apply(x);
  return new Add().apply([x, residual]);
}

/**
 * Instantiates the Xception architecture, as `keras.applications.Xception`: 299×299×3 input by default (at least
 * 71×71 without the top), 22.9M parameters with the top. Weights: `'imagenet'` (downloaded and cached), `null`, or
 * a weights file. Returns a `Functional` model, as Keras. Feed it images through {@link preprocessInput} (pixels
 * scaled to [-1, 1]).
 *
 * Arguments: `includeTop`, `weights`, `inputTensor`, `inputShape`, `pooling` (`'avg'`, `'max'` or null, without the
 * top), `classes`, `classifierActivation`, `name` (default `'xception'`), `download`, `onWarning`.
 *
 * @example
 * const model = await Xception({ includeTop: false, weights: null, inputShape: [150, 150, 3], pooling: 'avg' });
 * model.outputShape; // [null, 2048]
 */
export async function Xception(options: XceptionOptions = {}): Promise<Functional> {
  const weights = options.weights === undefined ? 'imagenet' : options.weights;
  if (!isWeightsArgument(weights)) {
    throw new ValueError(
      "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet), " +
        'or the path to the weights file to be loaded.',
    );
  }
  const classes = options.classes ?? 1000;
  if (weights === 'imagenet' && (options.includeTop ?? true) && classes !== 1000) {
    throw new ValueError(`If using \`weights='imagenet'\` with \`include_top=True\`, \`classes\` should be 1000.  Received classes=${classes}`);
  }
  const args = resolveApplicationOptions(options, { displayName: 'Xception', defaultSize: 299, minSize: 71 });

  let x = new Conv2D({ filters: 32, kernelSize: [3, 3], strides: [2, 2], useBias: false, name: 'block1_conv1' }).apply(args.imgInput);
  x = new BatchNormalization({ axis: CHANNEL_AXIS, name: 'block1_conv1_bn' }).apply(x);
  x = relu(x, 'block1_conv1_act');
  x = new Conv2D({ filters: 64, kernelSize: [3, 3], useBias: false, name: 'block1_conv2' }).apply(x);
  x = new BatchNormalization({ axis: CHANNEL_AXIS, name: 'block1_conv2_bn' }).apply(x);
  x = relu(x, 'block1_conv2_act');

  x = downBlock(x, 2, [128, 128], false);
  x = downBlock(x, 3, [256, 256], true);
  x = downBlock(x, 4, [728, 728], true);

  for (let i = 0; i < 8; i++) {
    const residual = x;
    const p = `block${i + 5}`;
    for (let j = 1; j <= 3; j++) {
      x = relu(x, `${p}_sepconv${j}_act`);
      x = sepConvBn(x, 728, `${p}_sepconv${j}`);
    }
    x = new Add().apply([x, residual]);
  }

  x = downBlock(x, 13, [728, 1024], true);

  x = sepConvBn(x, 1536, 'block14_sepconv1');
  x = relu(x, 'block14_sepconv1_act');
  x = sepConvBn(x, 2048, 'block14_sepconv2');
  x = relu(x, 'block14_sepconv2_act');

  x = globalPoolingTop(x, args);

  const model = new Functional({ inputs: args.inputs, outputs: x, name: options.name ?? 'xception' });
  await loadApplicationWeights(model, 'xception', args.weights, { ...options.download, includeTop: args.includeTop });
  return model;
}

/**
 * Preprocesses images (values 0..255) for Xception: scaled to [-1, 1] as x / 127.5 - 1 (Keras' 'tf' mode).
 *
 * @example
 * xception.preprocessInput(ops.fill([1, 299, 299, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'tf' });
}
