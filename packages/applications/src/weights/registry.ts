/**
 * Keras' ImageNet weight files for the six applications: file names, URLs and hashes exactly as Keras 3 passes them
 * to `get_file` (`keras/src/applications/*.py`), so `weights: 'imagenet'` resolves to the same cached file Keras uses.
 *
 * @example
 * imagenetWeightsFile('vgg16', { includeTop: false }).fname; // 'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5'
 */
import { ValueError } from '@strata/core';
import type { UnhashedFileCheck } from '../utils/file-utils/file-checks.js';

/** Keras' bucket for application weights. */
export const KERAS_WEIGHTS_BASE_URL = 'https://storage.googleapis.com/tensorflow/keras-applications/';

/** The applications with ImageNet weights, by Keras module name. */
export type ApplicationName = 'xception' | 'vgg16' | 'vgg19' | 'resnet50' | 'inception_v3' | 'mobilenet';

/** One weight file: where Keras gets it and how it checks it. */
export interface WeightsFile {
  model: ApplicationName;
  includeTop: boolean;
  fname: string;
  /** Path under the bucket (and under a mirror's base URL). */
  relativePath: string;
  /** Keras' URL. */
  origin: string;
  /** Keras' hash (MD5), or null where Keras records none (MobileNet). */
  fileHash: string | null;
  cacheSubdir: 'models';
  /** For files without a hash: the format and size range they must have. */
  expect?: UnhashedFileCheck;
}

interface Entry {
  dir: string;
  top: [string, string];
  notop: [string, string];
}

// File name and MD5 per model and include_top, from Keras 3.15.1 (checked against its get_file calls by the tests).
const FILES: Record<Exclude<ApplicationName, 'mobilenet'>, Entry> = {
  xception: {
    dir: 'xception',
    top: ['xception_weights_tf_dim_ordering_tf_kernels.h5', '0a58e3b7378bc2990ea3b43d5981f1f6'],
    notop: ['xception_weights_tf_dim_ordering_tf_kernels_notop.h5', 'b0042744bf5b25fce3cb969f33bebb97'],
  },
  vgg16: {
    dir: 'vgg16',
    top: ['vgg16_weights_tf_dim_ordering_tf_kernels.h5', '64373286793e3c8b2b4e3219cbf3544b'],
    notop: ['vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5', '6d6bbae143d832006294945121d1f1fc'],
  },
  vgg19: {
    dir: 'vgg19',
    top: ['vgg19_weights_tf_dim_ordering_tf_kernels.h5', 'cbe5617147190e668d6c5d5026f83318'],
    notop: ['vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5', '253f8cb515780f3b799900260a226db6'],
  },
  resnet50: {
    dir: 'resnet',
    top: ['resnet50_weights_tf_dim_ordering_tf_kernels.h5', '2cb95161c43110f7111970584f804107'],
    notop: ['resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5', '4d473c1dd8becc155b73f8504c6f6626'],
  },
  inception_v3: {
    dir: 'inception_v3',
    top: ['inception_v3_weights_tf_dim_ordering_tf_kernels.h5', '9a0d58056eeedaa3f26cb7ebd46da564'],
    notop: ['inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5', 'bcbd6486424b2319ff4ef7d526e38f63'],
  },
};

/** MobileNet's `alpha` values with ImageNet weights and the text Keras puts in the file name. */
export const MOBILENET_ALPHAS: ReadonlyMap<number, string> = new Map([
  [1.0, '1_0'],
  [0.75, '7_5'],
  [0.5, '5_0'],
  [0.25, '2_5'],
]);

/** Input sizes with MobileNet weights; anything else (or a non-square input) falls back to 224, as in Keras. */
export const MOBILENET_ROWS: readonly number[] = [128, 160, 192, 224];

/** MobileNet parameter counts (Keras 3.15.1 `count_params()`), per alpha: [include_top, no top]. */
export const MOBILENET_PARAMS: ReadonlyMap<number, readonly [number, number]> = new Map([
  [1.0, [4_253_864, 3_228_864]],
  [0.75, [2_601_976, 1_832_976]],
  [0.5, [1_342_536, 829_536]],
  [0.25, [475_544, 218_544]],
]);

/**
 * Sizes a MobileNet file may have (derived, since Keras records no hash): at least the float32 weights of the
 * no-top model, at most those of the full model plus 5% and 2 MiB of HDF5 overhead. (Keras' no-top files keep the
 * classifier's weights: the α=1.0 one is 17,225,924 bytes.)
 */
export function mobilenetSizeRange(alpha: number): [number, number] {
  const params = MOBILENET_PARAMS.get(alpha);
  if (!params) throw new ValueError(`MobileNet: no parameter count for alpha=${alpha}.`);
  return [params[1] * 4, Math.ceil(params[0] * 4 * 1.05) + 2 * 1024 * 1024];
}

const ALIASES: Record<string, ApplicationName> = {
  xception: 'xception',
  vgg16: 'vgg16',
  vgg19: 'vgg19',
  resnet50: 'resnet50',
  inceptionv3: 'inception_v3',
  mobilenet: 'mobilenet',
};

/** `'InceptionV3'`, `'inception_v3'`, `'inceptionV3'` → `'inception_v3'`; the six Keras names likewise. */
export function applicationName(name: string): ApplicationName {
  const key = ALIASES[name.toLowerCase().replace(/[_-]/g, '')];
  if (!key) {
    throw new ValueError(
      `Unknown application ${JSON.stringify(name)}; expected one of Xception, VGG16, VGG19, ResNet50, InceptionV3, MobileNet.`,
    );
  }
  return key;
}

/** Options of {@link imagenetWeightsFile}. */
export interface WeightsFileOptions {
  /** With the classifier (default true). */
  includeTop?: boolean;
  /** MobileNet width multiplier: 1.0 (default), 0.75, 0.5 or 0.25. */
  alpha?: number;
  /** MobileNet input `[rows, cols]` (default [224, 224]); a size without weights falls back to 224 with a warning. */
  inputSize?: readonly [number, number];
  /** Receives the fall-back warning (default `console.warn`). */
  onWarning?: (message: string) => void;
}

function mobilenetFile(includeTop: boolean, options: WeightsFileOptions): WeightsFile {
  const alpha = options.alpha ?? 1.0;
  const alphaText = MOBILENET_ALPHAS.get(alpha);
  if (alphaText === undefined) {
    throw new ValueError(`If imagenet weights are being loaded, alpha can be one of \`0.25\`, \`0.50\`, \`0.75\` or \`1.0\` only.  Received alpha=${alpha}`);
  }
  let [rows, cols] = options.inputSize ?? [224, 224];
  if (rows !== cols || !MOBILENET_ROWS.includes(rows)) {
    (options.onWarning ?? ((m: string) => console.warn(m)))(
      '`input_shape` is undefined or non-square, or `rows` is not in [128, 160, 192, 224]. ' +
        'Weights for input shape (224, 224) will be loaded as the default.',
    );
    rows = 224;
    cols = 224;
  }
  const fname = `mobilenet_${alphaText}_${rows}_tf${includeTop ? '' : '_no_top'}.h5`;
  const relativePath = `mobilenet/${fname}`;
  return {
    model: 'mobilenet',
    includeTop,
    fname,
    relativePath,
    origin: KERAS_WEIGHTS_BASE_URL + relativePath,
    fileHash: null,
    cacheSubdir: 'models',
    expect: { format: 'hdf5', sizeRange: mobilenetSizeRange(alpha) },
  };
}

/**
 * The ImageNet weight file Keras downloads for `model` (`'vgg16'`, `'ResNet50'`, `'InceptionV3'`…).
 *
 * @example
 * imagenetWeightsFile('MobileNet', { alpha: 0.5, inputSize: [160, 160], includeTop: false }).fname;
 * // 'mobilenet_5_0_160_tf_no_top.h5'
 */
export function imagenetWeightsFile(model: string, options: WeightsFileOptions = {}): WeightsFile {
  const name = applicationName(model);
  const includeTop = options.includeTop ?? true;
  if (name === 'mobilenet') return mobilenetFile(includeTop, options);
  const entry = FILES[name];
  const [fname, fileHash] = includeTop ? entry.top : entry.notop;
  const relativePath = `${entry.dir}/${fname}`;
  return {
    model: name,
    includeTop,
    fname,
    relativePath,
    origin: KERAS_WEIGHTS_BASE_URL + relativePath,
    fileHash,
    cacheSubdir: 'models',
    expect: { format: 'hdf5' },
  };
}
