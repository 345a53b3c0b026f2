import { activations, ops, type Tensor } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import type { DataFormat } from './arguments.js';
import { definedChannels, validateFilters } from './base-conv.js';
import { validateDepthMultiplier } from './base-depthwise-conv.js';
import { convOutputConfig, convWindowConfig, resolveConvOptions, resolveConvWindow, type ConvCommonArgs } from './conv-args.js';
import { computeConvOutputShape } from './conv-shapes.js';
import { convolve, depthwiseConvolve } from './convolution.js';
import { as2d, inChannelsLast } from './layout.js';
import type { WeightOptions } from './weight-options.js';

/** Options of `SeparableConv1D` and `SeparableConv2D`. */
export interface BaseSeparableConvArgs extends ConvCommonArgs {
  /** Number of output channels (filters) of the pointwise convolution. */
  filters: number;
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same' | string;
  /** Number of depthwise filters per input channel (default 1). */
  depthMultiplier?: number;
  /** Default `'glorot_uniform'`. */
  depthwiseInitializer?: initializers.InitializerIdentifier | null;
  /** Default `'glorot_uniform'`. */
  pointwiseInitializer?: initializers.InitializerIdentifier | null;
  depthwiseRegularizer?: regularizers.RegularizerIdentifier | null;
  pointwiseRegularizer?: regularizers.RegularizerIdentifier | null;
  depthwiseConstraint?: constraints.ConstraintIdentifier | null;
  pointwiseConstraint?: constraints.ConstraintIdentifier | null;
}

/**
 * The depthwise-separable convolution `SeparableConv1D` and `SeparableConv2D` share, as Keras' `BaseSeparableConv`:
 * a depthwise convolution (each input channel with its own `depthMultiplier` filters) followed by a pointwise (1×1)
 * convolution to `filters` channels, then a bias and the activation.
 *
 * Weights: `depthwise_kernel` `[…kernelSize, inputChannels, depthMultiplier]`, `pointwise_kernel` `[1…, inputChannels
 * · depthMultiplier, filters]`, `bias` `[filters]`.
 */
export abstract class BaseSeparableConv extends Layer {
  static override className = 'BaseSeparableConv';

  readonly rank: number;
  readonly depthMultiplier: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly depthwiseOptions: WeightOptions;
  readonly pointwiseOptions: WeightOptions;
  readonly biasOptions: WeightOptions;
  /** The `[…kernelSize, inputChannels, depthMultiplier]` weight, once built. */
  depthwiseKernel!: KerasVariable;
  /** The `[1…, inputChannels · depthMultiplier, filters]` weight, once built. */
  pointwiseKernel!: KerasVariable;
  /** The `[filters]` weight, once built (null without bias). */
  bias: KerasVariable | null = null;

  constructor(rank: number, args: BaseSeparableConvArgs) {
    super(args);
    this.rank = rank;
    ({ kernelSize: this.kernelSize, strides: this.strides, dilationRate: this.dilationRate, padding: this.padding } =
      resolveConvWindow(args, rank));
    const options = resolveConvOptions(args, ['depthwise', 'pointwise']);
    ({ dataFormat: this.dataFormat, activation: this.activation, useBias: this.useBias, biasOptions: this.biasOptions } = options);
    this.depthwiseOptions = options.kernels['depthwise']!;
    this.pointwiseOptions = options.kernels['pointwise']!;
    this.depthMultiplier = validateDepthMultiplier(args.depthMultiplier ?? 1);
    this.filters = validateFilters(args.filters);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
  }

  override build(inputShape: Shape): void {
    const channels = definedChannels(inputShape, this.dataFormat, this.name);
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } });
    this.computeOutputShape(inputShape);
    this.depthwiseKernel = this.addWeight({
      name: 'depthwise_kernel', shape: [...this.kernelSize, channels, this.depthMultiplier], ...this.depthwiseOptions,
    });
    this.pointwiseKernel = this.addWeight({
      name: 'pointwise_kernel', shape: [...this.kernelSize.map(() => 1), channels * this.depthMultiplier, this.filters], ...this.pointwiseOptions,
    });
    this.bias = this.useBias ? this.addWeight({ name: 'bias', shape: [this.filters], ...this.biasOptions }) : null;
  }

  override call(inputs: Tensor): Tensor {
    const depthwise = this.depthwiseKernel.value;
    const x = inputs.dtype === depthwise.dtype ? inputs : ops.cast(inputs, depthwise.dtype);
    this.computeOutputShape(x.shape);
    const lift = (v: number[]): number[] => (this.rank === 1 ? [1, ...v] : v);
    const depthwise2d = this.rank === 1 ? ops.expandDims(depthwise, 0) : depthwise;
    const pointwise2d = this.rank === 1 ? ops.expandDims(this.pointwiseKernel.value, 0) : this.pointwiseKernel.value;
    const geometry = { strides: lift(this.strides), padding: this.padding, dilation: lift(this.dilationRate) };
    const pointwise = { strides: [1, 1], padding: 'valid' as const, dilation: [1, 1] };
    const epilogue = { bias: this.bias?.value ?? null, activation: this.activation };
    const linear = { bias: null, activation: activations.get('linear') };
    return inChannelsLast(x, this.dataFormat, (y) => as2d(y, (y2d) =>
      convolve(depthwiseConvolve(y2d, depthwise2d, geometry, linear), pointwise2d, pointwise, epilogue)));
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return computeConvOutputShape(inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      filters: this.filters,
      ...convWindowConfig(this),
      ...convOutputConfig(this, [['depthwise', this.depthwiseOptions], ['pointwise', this.pointwiseOptions]]),
    };
  }
}
