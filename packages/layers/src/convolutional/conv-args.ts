/**
 * The options every convolution base (`BaseConv`, `BaseConvTranspose`, `BaseDepthwiseConv`, `BaseSeparableConv`)
 * takes alike: the window (kernel size, strides, dilation rate, padding), the data format, the activation, the bias
 * and each kernel's initializer/regularizer/constraint; resolved here in Keras' order and written back into configs.
 */
import { activations } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import type { Layer, LayerArgs } from '../engine/layer.js';
import { standardizeDataFormat, standardizePadding, standardizeTuple, type DataFormat, type IntOrTuple, type PaddingMode } from './arguments.js';
import { resolveWeightOptions, serializeActivityRegularizer, serializeWeightOptions, type WeightOptions } from './weight-options.js';

/** Options shared by all convolution layers. */
export interface ConvCommonArgs extends LayerArgs {
  /** Size of the convolution window: an int or one int per spatial dimension. */
  kernelSize: IntOrTuple;
  /** Stride of the window (default 1). */
  strides?: IntOrTuple;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
  /** Dilation rate of the kernel (default 1). */
  dilationRate?: IntOrTuple;
  /** Activation name or function (default: linear). */
  activation?: string | activations.Activation | null;
  /** Whether to add a bias per output channel (default true). */
  useBias?: boolean;
  /** Default `'zeros'`. */
  biasInitializer?: initializers.InitializerIdentifier | null;
  biasRegularizer?: regularizers.RegularizerIdentifier | null;
  biasConstraint?: constraints.ConstraintIdentifier | null;
}

/** The standardized window of a convolution. */
export interface ConvWindow<P extends PaddingMode = PaddingMode> {
  kernelSize: number[];
  strides: number[];
  dilationRate: number[];
  padding: P;
}

/**
 * Standardizes `kernelSize`, `strides`, `dilationRate` and `padding` (in that order, as Keras checks them) for `rank`
 * spatial dimensions; `'causal'` padding only when `allowCausal`.
 *
 * @example
 * resolveConvWindow({ kernelSize: 3, padding: 'same' }, 2); // { kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'same' }
 */
export function resolveConvWindow<P extends PaddingMode = 'valid' | 'same'>(
  args: { kernelSize: IntOrTuple; strides?: IntOrTuple; dilationRate?: IntOrTuple; padding?: string },
  rank: number,
  allowCausal = false,
): ConvWindow<P> {
  return {
    kernelSize: standardizeTuple(args.kernelSize, rank, 'kernel_size'),
    strides: standardizeTuple(args.strides ?? 1, rank, 'strides'),
    dilationRate: standardizeTuple(args.dilationRate ?? 1, rank, 'dilation_rate'),
    padding: standardizePadding(args.padding ?? 'valid', allowCausal) as P,
  };
}

/** The resolved non-window options of a convolution. */
export interface ConvOptions {
  dataFormat: DataFormat;
  activation: activations.Activation;
  useBias: boolean;
  /** The options of each kernel named in `resolveConvOptions`, by prefix. */
  kernels: Record<string, WeightOptions>;
  biasOptions: WeightOptions;
}

/**
 * Resolves `dataFormat`, `activation`, `useBias`, then each kernel's `<prefix>Initializer/Regularizer/Constraint`
 * (default initializer `'glorot_uniform'`) in the given order, then the bias' (default `'zeros'`).
 *
 * @example
 * const { kernels } = resolveConvOptions({ kernelSize: 3, depthwiseInitializer: 'ones' }, ['depthwise']);
 */
export function resolveConvOptions(args: ConvCommonArgs, kernelPrefixes: readonly string[]): ConvOptions {
  const dataFormat = standardizeDataFormat(args.dataFormat);
  const activation = activations.get(args.activation ?? null);
  const useBias = args.useBias ?? true;
  const named = args as unknown as Record<string, unknown>;
  const kernels: Record<string, WeightOptions> = {};
  for (const prefix of kernelPrefixes) {
    kernels[prefix] = resolveWeightOptions(
      named[`${prefix}Initializer`] as initializers.InitializerIdentifier | null | undefined,
      named[`${prefix}Regularizer`] as regularizers.RegularizerIdentifier | null | undefined,
      named[`${prefix}Constraint`] as constraints.ConstraintIdentifier | null | undefined,
      'glorot_uniform',
    );
  }
  const biasOptions = resolveWeightOptions(args.biasInitializer, args.biasRegularizer, args.biasConstraint, 'zeros');
  return { dataFormat, activation, useBias, kernels, biasOptions };
}

/**
 * `{ kernelSize, strides, padding, …extra, dataFormat, dilationRate }` for `getConfig`; `extra` (e.g. `outputPadding`)
 * goes where Keras writes it, after `padding`.
 */
export function convWindowConfig(
  layer: ConvWindow & { dataFormat: DataFormat },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kernelSize: layer.kernelSize,
    strides: layer.strides,
    padding: layer.padding,
    ...extra,
    dataFormat: layer.dataFormat,
    dilationRate: layer.dilationRate,
  };
}

/**
 * `{ activation, useBias, …each kernel's options, bias options, activityRegularizer }` for `getConfig`, kernels as
 * `[prefix, options]` pairs in config order.
 */
export function convOutputConfig(
  layer: Pick<Layer, 'activityRegularizer'> & { activation: activations.Activation; useBias: boolean; biasOptions: WeightOptions },
  kernels: ReadonlyArray<readonly [string, WeightOptions]>,
): Record<string, unknown> {
  const config: Record<string, unknown> = { activation: activations.serialize(layer.activation), useBias: layer.useBias };
  for (const [prefix, options] of kernels) Object.assign(config, serializeWeightOptions(prefix, options));
  return {
    ...config,
    ...serializeWeightOptions('bias', layer.biasOptions),
    activityRegularizer: serializeActivityRegularizer(layer.activityRegularizer),
  };
}
