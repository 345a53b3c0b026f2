/**
 * The options every Keras application takes (`include_top`, `weights`, `input_tensor`, `input_shape`, `pooling`,
 * `classes`, `classifier_activation`, `name`), in camelCase, and their checks, shared by the six builders.
 *
 * @example
 * const args = resolveApplicationOptions(options, { app: 'vgg16', defaultSize: 224, minSize: 32 });
 * let x = args.imgInput; // ...layers...
 * const model = new Model({ inputs: args.inputs, outputs: x, name: args.name });
 */
import { ValueError, activations } from '@strata/core';
import { Input, type KerasTensor } from '@strata/layers';
import { obtainInputShape, type ImageShape } from '../imagenet-utils/obtain-input-shape.js';
import { validateActivation } from '../imagenet-utils/validate-activation.js';
import type { GetImagenetWeightsOptions } from '../weights/get-weights-file.js';
import { getSourceInputs } from './get-source-inputs.js';

/** A classifier activation: a name, a function, or null (logits). */
export type ClassifierActivation = string | activations.Activation | null;

/** `'imagenet'`, `null` (random initialisation), or a weights file: a path or URL, its bytes, or a Blob. */
export type ApplicationWeights = 'imagenet' | string | URL | ArrayBuffer | ArrayBufferView | Blob | null;

/** Options common to every application builder (Keras' arguments in camelCase). */
export interface ApplicationOptions {
  /** Whether to end in the ImageNet classifier (default true). */
  includeTop?: boolean;
  /** `'imagenet'` (default), `null`, or a weights file (path, URL, bytes, Blob) loaded by position as Keras does. */
  weights?: ApplicationWeights;
  /** A symbolic tensor (from `Input`, or computed from one) to use as the image input. */
  inputTensor?: KerasTensor | null;
  /** Image shape without the batch dimension, `[rows, cols, channels]`; spatial sizes may be null without the top. */
  inputShape?: ReadonlyArray<number | null> | null;
  /** Without the top: `'avg'` or `'max'` global pooling, or none (the 4D feature map). */
  pooling?: 'avg' | 'max' | null;
  /** Number of classes of the top (default 1000; must be 1000 with ImageNet weights). */
  classes?: number;
  /** Activation of the top layer (default `'softmax'`; with weights only softmax or none). */
  classifierActivation?: ClassifierActivation;
  /** Model name (default Keras' name for the application). */
  name?: string;
  /** Download options for `weights: 'imagenet'`: mirror `baseUrl`, `hashes`, `cacheDir`, `onProgress`… */
  download?: Omit<GetImagenetWeightsOptions, 'includeTop' | 'alpha' | 'inputSize'>;
  /** Where Keras' warnings go (default `console.warn`). */
  onWarning?: (message: string) => void;
}

/** The resolved options and the image input a builder starts from. */
export interface ResolvedApplicationOptions {
  includeTop: boolean;
  weights: ApplicationWeights;
  pooling: 'avg' | 'max' | null;
  classes: number;
  classifierActivation: ClassifierActivation;
  inputShape: ImageShape;
  /** The tensor the network is built on. */
  imgInput: KerasTensor;
  /** The model's inputs: `imgInput`, or the source inputs of `inputTensor`. */
  inputs: KerasTensor | KerasTensor[];
  warn: (message: string) => void;
}

/** What a builder tells {@link resolveApplicationOptions} about itself. */
export interface ApplicationSpec {
  /** Keras' function name, for messages: `'VGG16'`. */
  displayName: string;
  defaultSize: number;
  minSize: number;
  /** Whether `includeTop` ends in Flatten, so the input size is fixed (VGG) — Keras' `require_flatten`. */
  requireFlatten?: boolean;
}

/**
 * Whether `weights` passes Keras' first check (`weights in {"imagenet", None} or file_utils.exists(weights)`):
 * `'imagenet'`, `null`, or a weights file (a non-empty path or URL, bytes, a Blob). Builders whose Keras message
 * differs from the common one run it themselves first.
 *
 * @example
 * isWeightsArgument(''); // false
 */
export function isWeightsArgument(w: unknown): w is ApplicationWeights {
  if (w === null || typeof w === 'string') return w !== '';
  return w instanceof URL || w instanceof ArrayBuffer || ArrayBuffer.isView(w) || (typeof Blob !== 'undefined' && w instanceof Blob);
}

/**
 * Applies Keras' argument checks and defaults, and creates (or adopts) the image input.
 *
 * @example
 * resolveApplicationOptions({ weights: 'imagenet', classes: 10 }, { displayName: 'VGG16', defaultSize: 224, minSize: 32 }); // ValueError
 */
export function resolveApplicationOptions(options: ApplicationOptions, spec: ApplicationSpec): ResolvedApplicationOptions {
  const includeTop = options.includeTop ?? true;
  const weights = options.weights === undefined ? 'imagenet' : options.weights;
  const classes = options.classes ?? 1000;
  const pooling = options.pooling ?? null;
  const classifierActivation = options.classifierActivation === undefined ? 'softmax' : options.classifierActivation;
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  if (!isWeightsArgument(weights)) {
    throw new ValueError(
      "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet), " +
        `or the path to the weights file to be loaded.  Received: weights=${String(weights)}`,
    );
  }
  if (weights === 'imagenet' && includeTop && classes !== 1000) {
    throw new ValueError(`If using \`weights='imagenet'\` with \`include_top=True\`, \`classes\` should be 1000.  Received classes=${classes}`);
  }
  if (pooling !== null && pooling !== 'avg' && pooling !== 'max') {
    throw new ValueError(`${spec.displayName}: \`pooling\` should be 'avg', 'max' or None. Received: pooling=${String(pooling)}`);
  }
  if (!Number.isInteger(classes) || classes < 1) throw new ValueError(`${spec.displayName}: \`classes\` should be a positive integer. Received: classes=${classes}`);
  const inputShape = obtainInputShape({
    inputShape: options.inputShape ?? null,
    defaultSize: spec.defaultSize,
    minSize: spec.minSize,
    requireFlatten: includeTop && (spec.requireFlatten ?? true),
    weights: weights === 'imagenet' ? 'imagenet' : weights === null ? null : 'file',
    onWarning: warn,
  });
  if (includeTop) validateActivation(classifierActivation, weights === null ? null : 'weights');

  const inputTensor = options.inputTensor ?? null;
  const imgInput = inputTensor ?? Input({ shape: inputShape });
  const inputs = inputTensor ? getSourceInputs(inputTensor) : imgInput;
  return { includeTop, weights, pooling, classes, classifierActivation, inputShape, imgInput, inputs, warn };
}
