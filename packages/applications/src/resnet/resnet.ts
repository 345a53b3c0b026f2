/**
 * Keras' `ResNet` (`keras/src/applications/resnet.py`): the stem (`conv1_pad`, `conv1_conv`, `conv1_bn`, `conv1_relu`,
 * `pool1_pad`, `pool1_pool`), the stacked blocks from `stackFn`, the optional post-activation (v2), then the
 * `avg_pool` + `predictions` top or optional global pooling, and the weights.
 *
 * @example
 * const model = await ResNet((x) => stackResidualBlocksV1(x, 64, 3, { stride1: 1, name: 'conv2' }),
 *   { preact: false, useBias: true, weightsName: 'resnet50', name: 'resnet50' }, { weights: null });
 */
import {
  Activation, BatchNormalization, Conv2D, MaxPooling2D, ZeroPadding2D, type KerasTensor,
} from '@strata/layers';
import { Functional } from '@strata/models';
import { resolveApplicationOptions, type ApplicationOptions } from '../builder/application-options.js';
import { globalPoolingTop } from '../builder/global-pooling-top.js';
import { loadApplicationWeights } from '../builder/load-application-weights.js';

/** The architecture arguments of Keras' `ResNet` (the rest are the application options). */
export interface ResNetSpec {
  /** Pre-activation (ResNetV2): no BN/ReLU after `conv1_conv`, and `post_bn` / `post_relu` at the end. */
  preact: boolean;
  /** Whether `conv1_conv` has a bias (true for ResNet and ResNetV2). */
  useBias: boolean;
  /** Keras' function name, for messages. */
  displayName: string;
  /** Model name used when the options give none. */
  name: string;
  /** Which ImageNet file `weights: 'imagenet'` loads; without one, 'imagenet' loads nothing (as Keras). */
  weightsName?: 'resnet50';
}

/**
 * Builds a ResNet as Keras' `ResNet(stack_fn, preact, use_bias, ...)`, then loads `options.weights`.
 *
 * @example
 * const model = await ResNet(stackFn, { preact: false, useBias: true, displayName: 'ResNet50', name: 'resnet50', weightsName: 'resnet50' }, {});
 */
export async function ResNet(
  stackFn: (x: KerasTensor) => KerasTensor,
  spec: ResNetSpec,
  options: ApplicationOptions,
): Promise<Functional> {
  const args = resolveApplicationOptions(options, { displayName: spec.displayName, defaultSize: 224, minSize: 32, requireFlatten: true });
  const bnAxis = 3;

  let x = new ZeroPadding2D({ padding: [[3, 3], [3, 3]], name: 'conv1_pad' }).apply(args.imgInput) as KerasTensor;
  x = new Conv2D({ filters: 64, kernelSize: 7, strides: 2, useBias: spec.useBias, name: 'conv1_conv' }).apply(x) as KerasTensor;
  if (!spec.preact) {
    x = new BatchNormalization({ axis: bnAxis, epsilon: 1.001e-5, name: 'conv1_bn' }).apply(x) as KerasTensor;
    x = new Activation({ activation: 'relu', name: 'conv1_relu' }).apply(x) as KerasTensor;
  }
  x = new ZeroPadding2D({ padding: [[1, 1], [1, 1]], name: 'pool1_pad' }).apply(x) as KerasTensor;
  x = new MaxPooling2D({ poolSize: 3, strides: 2, name: 'pool1_pool' }).apply(x) as KerasTensor;

  x = stackFn(x);

  if (spec.preact) {
    x = new BatchNormalization({ axis: bnAxis, epsilon: 1.001e-5, name: 'post_bn' }).apply(x) as KerasTensor;
    x = new Activation({ activation: 'relu', name: 'post_relu' }).apply(x) as KerasTensor;
  }

  x = globalPoolingTop(x, args, { avg: 'avg_pool', max: 'max_pool' });

  const model = new Functional({ inputs: args.inputs, outputs: x, name: options.name ?? spec.name });
  // As Keras: 'imagenet' loads only for a ResNet with a known weights file; a given file always loads.
  if (args.weights !== 'imagenet' || spec.weightsName) {
    await loadApplicationWeights(model, spec.weightsName ?? 'resnet50', args.weights, { includeTop: args.includeTop, ...options.download });
  }
  return model;
}
