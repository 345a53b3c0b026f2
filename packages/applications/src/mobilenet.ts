/**
 * `keras.applications.mobilenet`: MobileNet (v1, Howard et al. 2017, https://arxiv.org/abs/1704.04861) with Keras'
 * ImageNet weights, and the input preprocessing ('tf' mode: pixels scaled to [-1, 1]) and prediction decoding that
 * go with it.
 *
 * @example
 * import { MobileNet, mobilenet, loadImg, imgToArray } from '@strata/applications';
 * import { ops } from '@strata/core';
 * const model = await MobileNet();                                   // α = 1.0, 224×224, ImageNet weights
 * const img = await loadImg('cat.jpg', { targetSize: [224, 224] });
 * const preds = model.predict(mobilenet.preprocessInput(ops.expandDims(imgToArray(img), 0)));
 * console.log(await mobilenet.decodePredictions(preds, { top: 3 }));
 */
import { ValueError, type Tensor } from '@strata/core';
import { Activation, Conv2D, Dropout, GlobalAveragePooling2D, GlobalMaxPooling2D, Reshape } from '@strata/layers';
import { Functional } from '@strata/models';
import { isWeightsArgument, resolveApplicationOptions, type ApplicationOptions } from './builder/application-options.js';
import { loadApplicationWeights } from './builder/load-application-weights.js';
import { preprocessInput as imagenetPreprocessInput } from './imagenet-utils/preprocess-input.js';
import { convBlock, depthwiseConvBlock } from './mobilenet/blocks.js';
import { mobilenetModelName } from './mobilenet/model-name.js';
import { MOBILENET_ALPHAS, MOBILENET_ROWS } from './weights/registry.js';

export { decodePredictions } from './imagenet-utils/decode-predictions.js';

/** Options of {@link MobileNet}: the common application options plus Keras' `alpha`, `depth_multiplier`, `dropout`. */
export interface MobileNetOptions extends ApplicationOptions {
  /**
   * Width multiplier (default 1.0): every layer gets `Math.trunc(filters · alpha)` filters. ImageNet weights exist
   * for 0.25, 0.5, 0.75 and 1.0.
   */
  alpha?: number;
  /** Depthwise convolutions' depth multiplier (default 1; must be 1 with ImageNet weights). */
  depthMultiplier?: number;
  /** Dropout rate before the classifier (default 1e-3). */
  dropout?: number;
}

/** Keras' warning when the input size has no weights of its own. */
const FALLBACK_WARNING =
  '`input_shape` is undefined or non-square, or `rows` is not in [128, 160, 192, 224]. ' +
  'Weights for input shape (224, 224) will be loaded as the default.';

/** MobileNet's own wording of the two common checks (it differs from the other applications by a colon). */
function checkWeightsAndClasses(options: MobileNetOptions): void {
  const weights = options.weights === undefined ? 'imagenet' : options.weights;
  if (!isWeightsArgument(weights)) {
    throw new ValueError(
      "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet), " +
        `or the path to the weights file to be loaded. Received weights=${String(weights)}`,
    );
  }
  const classes = options.classes ?? 1000;
  if (weights === 'imagenet' && (options.includeTop ?? true) && classes !== 1000) {
    throw new ValueError(`If using \`weights='imagenet'\` with \`include_top=True\`, \`classes\` should be 1000.  Received classes=${classes}`);
  }
}

/** Keras' `default_size`: the input's rows when the input is square with a size that has weights, else 224. */
function defaultSizeFor(inputShape: ApplicationOptions['inputShape']): number {
  if (inputShape == null) return 224;
  const [rows, cols] = inputShape;
  return rows === cols && typeof rows === 'number' && MOBILENET_ROWS.includes(rows) ? rows : 224;
}

/**
 * Instantiates MobileNet, as `keras.applications.MobileNet`: Keras' layers, names and weight order, so Keras'
 * ImageNet files (`mobilenet_<alpha>_<rows>_tf[_no_top].h5`, chosen from `alpha` and the input's rows) load by
 * position. With `weights: 'imagenet'`, `alpha` must be 0.25, 0.5, 0.75 or 1.0 and `depthMultiplier` 1; an input
 * size other than square 128, 160, 192 or 224 loads the 224 weights, with Keras' warning. The model is named
 * `mobilenet_<alpha:.2f>_<rows>` unless `name` is given. Async because the weights may be downloaded (and cached in
 * `~/.keras/models`; Keras records no hash for these files, so they are checked to be complete HDF5 files of
 * plausible size, with a warning). Returns a `Functional` model, as Keras. Preprocess inputs with
 * {@link preprocessInput}.
 *
 * @example
 * const model = await MobileNet({ alpha: 0.5, inputShape: [160, 160, 3], includeTop: false, pooling: 'avg' });
 * model.outputShape; // [null, 512]
 * const untrained = await MobileNet({ weights: null, classes: 10, depthMultiplier: 2 });
 */
export async function MobileNet(options: MobileNetOptions = {}): Promise<Functional> {
  const alpha = options.alpha ?? 1.0;
  const depthMultiplier = options.depthMultiplier ?? 1;
  const dropout = options.dropout ?? 1e-3;
  checkWeightsAndClasses(options);
  const args = resolveApplicationOptions(options, { displayName: 'MobileNet', defaultSize: defaultSizeFor(options.inputShape), minSize: 32 });
  const cols = args.inputShape[1] ?? null;
  let rows = args.inputShape[0] ?? null;

  if (args.weights === 'imagenet') {
    if (depthMultiplier !== 1) {
      throw new ValueError(`If imagenet weights are being loaded, depth multiplier must be 1.  Received depth_multiplier=${depthMultiplier}`);
    }
    if (!MOBILENET_ALPHAS.has(alpha)) {
      throw new ValueError(`If imagenet weights are being loaded, alpha can be one of\`0.25\`, \`0.50\`, \`0.75\` or \`1.0\` only.  Received alpha=${alpha}`);
    }
    if (rows !== cols || rows === null || !MOBILENET_ROWS.includes(rows)) {
      rows = 224;
      args.warn(FALLBACK_WARNING);
    }
  }

  let x = convBlock(args.imgInput, 32, alpha, [2, 2]);
  x = depthwiseConvBlock(x, 64, alpha, depthMultiplier, [1, 1], 1);
  x = depthwiseConvBlock(x, 128, alpha, depthMultiplier, [2, 2], 2);
  x = depthwiseConvBlock(x, 128, alpha, depthMultiplier, [1, 1], 3);
  x = depthwiseConvBlock(x, 256, alpha, depthMultiplier, [2, 2], 4);
  x = depthwiseConvBlock(x, 256, alpha, depthMultiplier, [1, 1], 5);
  x = depthwiseConvBlock(x, 512, alpha, depthMultiplier, [2, 2], 6);
  for (let block = 7; block <= 11; block++) x = depthwiseConvBlock(x, 512, alpha, depthMultiplier, [1, 1], block);
  x = depthwiseConvBlock(x, 1024, alpha, depthMultiplier, [2, 2], 12);
  x = depthwiseConvBlock(x, 1024, alpha, depthMultiplier, [1, 1], 13);

  if (args.includeTop) {
    x = new GlobalAveragePooling2D({ keepdims: true }).apply(x);
    x = new Dropout({ rate: dropout, name: 'dropout' }).apply(x);
    x = new Conv2D({ filters: args.classes, kernelSize: [1, 1], padding: 'same', name: 'conv_preds' }).apply(x);
    x = new Reshape({ targetShape: [args.classes], name: 'reshape_2' }).apply(x);
    x = new Activation({ activation: args.classifierActivation, name: 'predictions' }).apply(x);
  } else if (args.pooling === 'avg') {
    x = new GlobalAveragePooling2D().apply(x);
  } else if (args.pooling === 'max') {
    x = new GlobalMaxPooling2D().apply(x);
  }

  const model = new Functional({ inputs: args.inputs, outputs: x, name: options.name ?? mobilenetModelName(alpha, rows) });
  await loadApplicationWeights(model, 'mobilenet', args.weights, {
    onWarning: args.warn,
    ...options.download,
    includeTop: args.includeTop,
    alpha,
    inputSize: [rows ?? 224, rows ?? 224],
  });
  return model;
}

/**
 * Preprocesses images (values 0..255) for MobileNet: scaled to [-1, 1] as x / 127.5 - 1 (Keras' 'tf' mode).
 *
 * @example
 * mobilenet.preprocessInput(ops.fill([1, 224, 224, 3], 255));
 */
export function preprocessInput(x: Tensor, options: { dataFormat?: 'channels_last' | 'channels_first' | null } = {}): Tensor {
  return imagenetPreprocessInput(x, { dataFormat: options.dataFormat, mode: 'tf' });
}
