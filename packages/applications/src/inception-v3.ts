/**
 * `keras.applications.inception_v3`: the Inception v3 model (Szegedy et al., CVPR 2016), its input preprocessing
 * ('tf' mode) and prediction decoding.
 *
 * @example
 * import { inceptionV3 } from '@strata/applications';
 * const model = await inceptionV3.InceptionV3();
 * const x = inceptionV3.preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [299, 299] })));
 */
import { ValueError, type Tensor } from '@strata/core';
import {
  Activation, AveragePooling2D, BatchNormalization, Concatenate, Conv2D, MaxPooling2D, type KerasTensor,
} from '@strata/layers';
import { Functional } from '@strata/models';
import { isWeightsArgument, resolveApplicationOptions, type ApplicationOptions } from './builder/application-options.js';
import { globalPoolingTop } from './builder/global-pooling-top.js';
import { loadApplicationWeights } from './builder/load-application-weights.js';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/** Options of {@link InceptionV3}: the common application options (Keras' arguments in camelCase). */
export type InceptionV3Options = ApplicationOptions;

/** Keras' `channel_axis` (and `bn_axis`) for channels_last: 3, not -1. */
const CHANNEL_AXIS = 3;

/**
 * Keras' `conv2d_bn`: Conv2D (no bias) → BatchNormalization (`scale=False`) → relu, all three auto-named because
 * the application never passes `name`.
 */
function conv2dBn(
  x: KerasTensor, filters: number, numRow: number, numCol: number, padding: 'same' | 'valid' = 'same', strides: [number, number] = [1, 1],
): KerasTensor {
  x = new Conv2D({ filters, kernelSize: [numRow, numCol], strides, padding, useBias: false }).apply(x);
  x = new BatchNormalization({ axis: CHANNEL_AXIS, scale: false }).apply(x);
  return new Activation({ activation: 'relu' }).apply(x);
}

const concat = (inputs: KerasTensor[], name?: string): KerasTensor => new Concatenate({ axis: CHANNEL_AXIS, name }).apply(inputs);
const avgPool3x3 = (x: KerasTensor): KerasTensor => new AveragePooling2D({ poolSize: [3, 3], strides: [1, 1], padding: 'same' }).apply(x);
const maxPool3x3s2 = (x: KerasTensor): KerasTensor => new MaxPooling2D({ poolSize: [3, 3], strides: [2, 2] }).apply(x);

/** mixed0–mixed2 (35×35): 1×1, 5×5, double 3×3 and pooled branches; `poolFilters` is 32 for mixed0, else 64. */
function mixed35(x: KerasTensor, poolFilters: number, name: string): KerasTensor {
  const branch1x1 = conv2dBn(x, 64, 1, 1);
  let branch5x5 = conv2dBn(x, 48, 1, 1);
  branch5x5 = conv2dBn(branch5x5, 64, 5, 5);
  let branch3x3dbl = conv2dBn(x, 64, 1, 1);
  branch3x3dbl = conv2dBn(branch3x3dbl, 96, 3, 3);
  branch3x3dbl = conv2dBn(branch3x3dbl, 96, 3, 3);
  const branchPool = conv2dBn(avgPool3x3(x), poolFilters, 1, 1);
  return concat([branch1x1, branch5x5, branch3x3dbl, branchPool], name);
}

/** mixed3: 35×35 → 17×17. */
function mixed3(x: KerasTensor): KerasTensor {
  const branch3x3 = conv2dBn(x, 384, 3, 3, 'valid', [2, 2]);
  let branch3x3dbl = conv2dBn(x, 64, 1, 1);
  branch3x3dbl = conv2dBn(branch3x3dbl, 96, 3, 3);
  branch3x3dbl = conv2dBn(branch3x3dbl, 96, 3, 3, 'valid', [2, 2]);
  const branchPool = maxPool3x3s2(x);
  return concat([branch3x3, branch3x3dbl, branchPool], 'mixed3');
}

/** mixed4–mixed7 (17×17): factorised 7×7 branches with `c` inner filters (128, 160, 160, 192). */
function mixed17(x: KerasTensor, c: number, name: string): KerasTensor {
  const branch1x1 = conv2dBn(x, 192, 1, 1);
  let branch7x7 = conv2dBn(x, c, 1, 1);
  branch7x7 = conv2dBn(branch7x7, c, 1, 7);
  branch7x7 = conv2dBn(branch7x7, 192, 7, 1);
  let branch7x7dbl = conv2dBn(x, c, 1, 1);
  branch7x7dbl = conv2dBn(branch7x7dbl, c, 7, 1);
  branch7x7dbl = conv2dBn(branch7x7dbl, c, 1, 7);
  branch7x7dbl = conv2dBn(branch7x7dbl, c, 7, 1);
  branch7x7dbl = conv2dBn(branch7x7dbl, 192, 1, 7);
  const branchPool = conv2dBn(avgPool3x3(x), 192, 1, 1);
  return concat([branch1x1, branch7x7, branch7x7dbl, branchPool], name);
}

/** mixed8: 17×17 → 8×8. */
function mixed8(x: KerasTensor): KerasTensor {
  let branch3x3 = conv2dBn(x, 192, 1, 1);
  branch3x3 = conv2dBn(branch3x3, 320, 3, 3, 'valid', [2, 2]);
  let branch7x7x3 = conv2dBn(x, 192, 1, 1);
  branch7x7x3 = conv2dBn(branch7x7x3, 192, 1, 7);
  branch7x7x3 = conv2dBn(branch7x7x3, 192, 7, 1);
  branch7x7x3 = conv2dBn(branch7x7x3, 192, 3, 3, 'valid', [2, 2]);
  const branchPool = maxPool3x3s2(x);
  return concat([branch3x3, branch7x7x3, branchPool], 'mixed8');
}

/** mixed9 / mixed10 (8×8): split 1×3 / 3×1 branches, joined by `mixed9_{i}` and by an unnamed concatenate. */
function mixed8x8(x: KerasTensor, i: number): KerasTensor {
  const branch1x1 = conv2dBn(x, 320, 1, 1);
  let branch3x3 = conv2dBn(x, 384, 1, 1);
  const branch3x3a = conv2dBn(branch3x3, 384, 1, 3);
  const branch3x3b = conv2dBn(branch3x3, 384, 3, 1);
  branch3x3 = concat([branch3x3a, branch3x3b], `mixed9_${i}`);
  let branch3x3dbl = conv2dBn(x, 448, 1, 1);
  branch3x3dbl = conv2dBn(branch3x3dbl, 384, 3, 3);
  const branch3x3dblA = conv2dBn(branch3x3dbl, 384, 1, 3);
  const branch3x3dblB = conv2dBn(branch3x3dbl, 384, 3, 1);
  branch3x3dbl = concat([branch3x3dblA, branch3x3dblB]);
  const branchPool = conv2dBn(avgPool3x3(x), 192, 1, 1);
  return concat([branch1x1, branch3x3, branch3x3dbl, branchPool], `mixed${9 + i}`);
}

/**
 * Instantiates the Inception v3 architecture, as `keras.applications.InceptionV3`: 299×299×3 input by default (at
 * least 75×75 without the top), 23.9M parameters with the top. Weights: `'imagenet'` (downloaded and cached),
 * `null`, or a weights file. Returns a `Functional` model, as Keras. Feed it images through {@link preprocessInput}
 * (pixels scaled to [-1, 1]).
 *
 * Arguments: `includeTop`, `weights`, `inputTensor`, `inputShape`, `pooling` (`'avg'`, `'max'` or null, without the
 * top), `classes`, `classifierActivation`, `name` (default `'inception_v3'`), `download`, `onWarning`.
 *
 * @example
 * const model = await InceptionV3({ includeTop: false, weights: null, inputShape: [150, 150, 3] });
 * model.outputShape; // [null, 3, 3, 2048]
 */
export async function InceptionV3(options: InceptionV3Options = {}): Promise<Functional> {
  const weights = options.weights === undefined ? 'imagenet' : options.weights;
  if (!isWeightsArgument(weights)) {
    throw new ValueError(
      'The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet), ' +
        `or the path to the weights file to be loaded; Received: weights=${String(weights)}`,
    );
  }
  const classes = options.classes ?? 1000;
  if (weights === 'imagenet' && (options.includeTop ?? true) && classes !== 1000) {
    throw new ValueError(`If using \`weights="imagenet"\` with \`include_top=True\`, \`classes\` should be 1000. Received classes=${classes}`);
  }
  const args = resolveApplicationOptions(options, { displayName: 'InceptionV3', defaultSize: 299, minSize: 75 });

  let x = conv2dBn(args.imgInput, 32, 3, 3, 'valid', [2, 2]);
  x = conv2dBn(x, 32, 3, 3, 'valid');
  x = conv2dBn(x, 64, 3, 3);
  x = maxPool3x3s2(x);
  x = conv2dBn(x, 80, 1, 1, 'valid');
  x = conv2dBn(x, 192, 3, 3, 'valid');
  x = maxPool3x3s2(x);

  x = mixed35(x, 32, 'mixed0');
  x = mixed35(x, 64, 'mixed1');
  x = mixed35(x, 64, 'mixed2');
  x = mixed3(x);
  x = mixed17(x, 128, 'mixed4');
  x = mixed17(x, 160, 'mixed5');
  x = mixed17(x, 160, 'mixed6');
  x = mixed17(x, 192, 'mixed7');
  x = mixed8(x);
  x = mixed8x8(x, 0);
  x = mixed8x8(x, 1);

  x = globalPoolingTop(x, args);

  const model = new Functional({ inputs: args.inputs, outputs: x, name: options.name ?? 'inception_v3' });
  await loadApplicationWeights(model, 'inception_v3', args.weights, { ...options.download, includeTop: args.includeTop });
  return model;
}

/**
 * Preprocesses images (values 0..255) for InceptionV3: scaled to [-1, 1] as x / 127.5 - 1 (Keras' 'tf' mode).
 *
 * @example
 * inceptionV3.preprocessInput(ops.fill([1, 299, 299, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'tf' });
}
