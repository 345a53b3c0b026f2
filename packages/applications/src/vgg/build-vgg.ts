/**
 * The VGG network shared by `VGG16` and `VGG19` (Keras' `vgg16.py` / `vgg19.py`, which differ only in the number of
 * 3×3 convolutions per block): five blocks of `block{b}_conv{i}` + `block{b}_pool`, then either the
 * `flatten` / `fc1` / `fc2` / `predictions` top or optional global pooling.
 *
 * @example
 * const model = await buildVgg(options, { app: 'vgg16', displayName: 'VGG16', defaultName: 'vgg16', convsPerBlock: [2, 2, 3, 3, 3] });
 */
import { activations } from '@strata/core';
import { Conv2D, Dense, Flatten, GlobalAveragePooling2D, GlobalMaxPooling2D, MaxPooling2D, type KerasTensor } from '@strata/layers';
import { Functional } from '@strata/models';
import { resolveApplicationOptions, type ApplicationOptions } from '../builder/application-options.js';
import { loadApplicationWeights } from '../builder/load-application-weights.js';

/** What distinguishes one VGG from another. */
export interface VggSpec {
  /** Weights registry name: `'vgg16'` or `'vgg19'`. */
  app: 'vgg16' | 'vgg19';
  /** Keras' function name, for messages. */
  displayName: string;
  /** Keras' default model name. */
  defaultName: string;
  /** 3×3 convolutions in each of the five blocks (VGG16: 2, 2, 3, 3, 3; VGG19: 2, 2, 4, 4, 4). */
  convsPerBlock: readonly [number, number, number, number, number];
}

const BLOCK_FILTERS = [64, 128, 256, 512, 512] as const;

/**
 * Builds a VGG model as Keras does (same layers, names, order and defaults), then loads `options.weights`.
 *
 * @example
 * const notop = await buildVgg({ includeTop: false, weights: null }, VGG19_SPEC);
 */
export async function buildVgg(options: ApplicationOptions, spec: VggSpec): Promise<Functional> {
  const args = resolveApplicationOptions(options, { displayName: spec.displayName, defaultSize: 224, minSize: 32, requireFlatten: true });

  let x: KerasTensor = args.imgInput;
  spec.convsPerBlock.forEach((convs, b) => {
    const block = b + 1;
    for (let i = 1; i <= convs; i++) {
      x = new Conv2D({
        filters: BLOCK_FILTERS[b]!, kernelSize: [3, 3], activation: 'relu', padding: 'same', name: `block${block}_conv${i}`,
      }).apply(x) as KerasTensor;
    }
    x = new MaxPooling2D({ poolSize: [2, 2], strides: [2, 2], name: `block${block}_pool` }).apply(x) as KerasTensor;
  });

  if (args.includeTop) {
    x = new Flatten({ name: 'flatten' }).apply(x) as KerasTensor;
    x = new Dense({ units: 4096, activation: 'relu', name: 'fc1' }).apply(x) as KerasTensor;
    x = new Dense({ units: 4096, activation: 'relu', name: 'fc2' }).apply(x) as KerasTensor;
    x = new Dense({ units: args.classes, activation: activations.get(args.classifierActivation), name: 'predictions' }).apply(x) as KerasTensor;
  } else if (args.pooling === 'avg') {
    x = new GlobalAveragePooling2D().apply(x) as KerasTensor;
  } else if (args.pooling === 'max') {
    x = new GlobalMaxPooling2D().apply(x) as KerasTensor;
  }

  const model = new Functional({ inputs: args.inputs, outputs: x, name: options.name ?? spec.defaultName });
  await loadApplicationWeights(model, spec.app, args.weights, { includeTop: args.includeTop, ...options.download });
  return model;
}
