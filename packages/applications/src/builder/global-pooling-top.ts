/**
 * The ending Keras' Xception, InceptionV3 and ResNet share: with the top, `GlobalAveragePooling2D` named `avg_pool`
 * then the `predictions` Dense; without it, the optional global pooling.
 *
 * @example
 * x = globalPoolingTop(x, args);                                          // Xception, InceptionV3: pooling auto-named
 * x = globalPoolingTop(x, args, { avg: 'avg_pool', max: 'max_pool' });   // ResNet
 */
import { activations } from '@strata/core';
import { Dense, GlobalAveragePooling2D, GlobalMaxPooling2D, type KerasTensor } from '@strata/layers';
import type { ResolvedApplicationOptions } from './application-options.js';

/** Names of the optional pooling layers without the top (auto-named when absent, as in Xception and InceptionV3). */
export interface PoolingNames {
  avg?: string;
  max?: string;
}

/**
 * Applies the classifier (`avg_pool` + `predictions` with `args.classes` units and `args.classifierActivation`) when
 * `args.includeTop`, else `args.pooling`'s global pooling, else nothing.
 *
 * @example
 * const out = globalPoolingTop(features, { includeTop: false, pooling: 'max', classes: 1000, classifierActivation: 'softmax' });
 */
export function globalPoolingTop(
  x: KerasTensor,
  args: Pick<ResolvedApplicationOptions, 'includeTop' | 'pooling' | 'classes' | 'classifierActivation'>,
  names: PoolingNames = {},
): KerasTensor {
  if (args.includeTop) {
    const pooled = new GlobalAveragePooling2D({ name: 'avg_pool' }).apply(x) as KerasTensor;
    return new Dense({ units: args.classes, activation: activations.get(args.classifierActivation), name: 'predictions' }).apply(pooled) as KerasTensor;
  }
  if (args.pooling === 'avg') return new GlobalAveragePooling2D(names.avg ? { name: names.avg } : {}).apply(x) as KerasTensor;
  if (args.pooling === 'max') return new GlobalMaxPooling2D(names.max ? { name: names.max } : {}).apply(x) as KerasTensor;
  return x;
}
