import { activations, ops, ValueError, type Tensor } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import type { DataFormat } from './arguments.js';
import { definedChannels } from './base-conv.js';
import { convOutputConfig, convWindowConfig, resolveConvOptions, resolveConvWindow, type ConvCommonArgs } from './conv-args.js';
import { channelDim, computeConvOutputShape } from './conv-shapes.js';
import { depthwiseConvolve } from './convolution.js';
import { as2d, inChannelsLast } from './layout.js';
import type { WeightOptions } from './weight-options.js';

/** Options of `DepthwiseConv1D` and `DepthwiseConv2D`. */
export interface BaseDepthwiseConvArgs extends ConvCommonArgs {
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same' | string;
  /** Number of output channels per input channel (default 1). */
  depthMultiplier?: number;
  /** Default `'glorot_uniform'`. */
  depthwiseInitializer?: initializers.InitializerIdentifier | null;
  depthwiseRegularizer?: regularizers.RegularizerIdentifier | null;
  depthwiseConstraint?: constraints.ConstraintIdentifier | null;
}

/** Checks `depthMultiplier` is a positive integer (Keras' message). */
export function validateDepthMultiplier(depthMultiplier: unknown): number {
  if (typeof depthMultiplier !== 'number' || !Number.isInteger(depthMultiplier) || depthMultiplier <= 0) {
    throw new ValueError(`Invalid value for argument \`depth_multiplier\`. Expected a strictly positive value. Received depth_multiplier=${String(depthMultiplier)}.`);
  }
  return depthMultiplier;
}

/**
 * The depthwise convolution `DepthwiseConv1D` and `DepthwiseConv2D` share, as Keras' `BaseDepthwiseConv`: each input
 * channel is convolved with its own `depthMultiplier` filters, so the output has `inputChannels · depthMultiplier`
 * channels; then a bias is added and the activation applied.
 *
 * The kernel has shape `[…kernelSize, inputChannels, depthMultiplier]` and the bias `[inputChannels · depthMultiplier]`.
 */
export abstract class BaseDepthwiseConv extends Layer {
  static override className = 'BaseDepthwiseConv';

  readonly rank: number;
  readonly depthMultiplier: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly depthwiseOptions: WeightOptions;
  readonly biasOptions: WeightOptions;
  /** The `[…kernelSize, inputChannels, depthMultiplier]` weight, once built. */
  kernel!: KerasVariable;
  /** The `[inputChannels · depthMultiplier]` weight, once built (null without bias). */
  bias: KerasVariable | null = null;

  constructor(rank: number, args: BaseDepthwiseConvArgs) {
    super(args);
    this.rank = rank;
    ({ kernelSize: this.kernelSize, strides: this.strides, dilationRate: this.dilationRate, padding: this.padding } =
      resolveConvWindow(args, rank));
    const options = resolveConvOptions(args, ['depthwise']);
    ({ dataFormat: this.dataFormat, activation: this.activation, useBias: this.useBias, biasOptions: this.biasOptions } = options);
    this.depthwiseOptions = options.kernels['depthwise']!;
    this.depthMultiplier = validateDepthMultiplier(args.depthMultiplier ?? 1);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
  }

  override build(inputShape: Shape): void {
    const channels = definedChannels(inputShape, this.dataFormat, this.name);
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } });
    this.computeOutputShape(inputShape);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, channels, this.depthMultiplier], ...this.depthwiseOptions });
    this.bias = this.useBias ? this.addWeight({ name: 'bias', shape: [channels * this.depthMultiplier], ...this.biasOptions }) : null;
  }

  override call(inputs: Tensor): Tensor {
    const kernel = this.kernel.value;
    const x = inputs.dtype === kernel.dtype ? inputs : ops.cast(inputs, kernel.dtype);
    this.computeOutputShape(x.shape);
    const epilogue = { bias: this.bias?.value ?? null, activation: this.activation };
    const lift = (v: number[]): number[] => (this.rank === 1 ? [1, ...v] : v);
    const geometry = { strides: lift(this.strides), padding: this.padding, dilation: lift(this.dilationRate) };
    const kernel2d = this.rank === 1 ? ops.expandDims(kernel, 0) : kernel;
    return inChannelsLast(x, this.dataFormat, (y) => as2d(y, (y2d) => depthwiseConvolve(y2d, kernel2d, geometry, epilogue)));
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    const channels = channelDim(inputShape, this.dataFormat);
    const filters = channels === null ? null : channels * this.depthMultiplier;
    return computeConvOutputShape(inputShape, filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      ...convWindowConfig(this),
      ...convOutputConfig(this, [['depthwise', this.depthwiseOptions]]),
    };
  }
}
