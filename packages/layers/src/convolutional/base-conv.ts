import { activations, NotImplementedError, ops, ValueError, type Tensor } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import type { DataFormat, PaddingMode } from './arguments.js';
import { convOutputConfig, convWindowConfig, resolveConvOptions, resolveConvWindow, type ConvCommonArgs } from './conv-args.js';
import { channelDim, computeConvOutputShape, effectiveKernel, tupleString } from './conv-shapes.js';
import { convolve } from './convolution.js';
import { as2d, inChannelsLast } from './layout.js';
import type { WeightOptions } from './weight-options.js';

/** Options of `Conv1D`, `Conv2D` and `Conv3D`. */
export interface BaseConvArgs extends ConvCommonArgs {
  /** Number of output channels (filters), a positive integer divisible by `groups`. */
  filters: number;
  /** `'valid'` (default: no padding), `'same'` (TensorFlow's: odd padding after) or, for `Conv1D`, `'causal'`. */
  padding?: PaddingMode | string;
  /** Number of groups the input channels are split into, each convolved with `filters / groups` filters (default 1). */
  groups?: number;
  /** Default `'glorot_uniform'`. */
  kernelInitializer?: initializers.InitializerIdentifier | null;
  kernelRegularizer?: regularizers.RegularizerIdentifier | null;
  kernelConstraint?: constraints.ConstraintIdentifier | null;
  /** LoRA is not supported; configs that carry `null` load. */
  loraRank?: null;
  loraAlpha?: null;
}

/** Checks `filters` is a positive integer (Keras' message). */
export function validateFilters(filters: unknown): number {
  if (typeof filters !== 'number' || !Number.isInteger(filters) || filters <= 0) {
    throw new ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${String(filters)}.`);
  }
  return filters;
}

/** Keras' refusal of strides and dilation rates both above 1 (for layers whose backends cannot compute both). */
export function validateStridesWithDilation(strides: number[], dilation: number[]): void {
  if (Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
    throw new ValueError(
      `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${tupleString(strides)} and dilation_rate=${tupleString(dilation)}`,
    );
  }
}

/** The channels of an input shape, which a convolution needs to know to build its kernel. */
export function definedChannels(inputShape: Shape, dataFormat: DataFormat, layerName: string): number {
  const channels = channelDim(inputShape, dataFormat);
  if (channels == null) {
    throw new ValueError(`Layer "${layerName}": the channel dimension of the inputs should be defined. Received input shape ${tupleString(inputShape)} with data_format=${dataFormat}.`);
  }
  return channels;
}

/**
 * The N-D convolution layer `Conv1D`, `Conv2D` and `Conv3D` share, as Keras' `BaseConv`: convolves (cross-correlates)
 * a kernel with the input, adds a bias and applies the activation. `rank` is the number of spatial dimensions.
 *
 * The kernel has shape `[…kernelSize, inputChannels / groups, filters]` and the bias `[filters]`.
 */
export abstract class BaseConv extends Layer {
  static override className = 'BaseConv';

  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly groups: number;
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly kernelOptions: WeightOptions;
  readonly biasOptions: WeightOptions;
  /** The `[…kernelSize, inputChannels / groups, filters]` weight, once built. */
  kernel!: KerasVariable;
  /** The `[filters]` weight, once built (null without bias). */
  bias: KerasVariable | null = null;

  constructor(rank: number, args: BaseConvArgs) {
    if (args?.loraRank != null) throw new NotImplementedError(`${new.target.className}: LoRA (loraRank) is not supported.`);
    super(args);
    this.rank = rank;
    ({ kernelSize: this.kernelSize, strides: this.strides, dilationRate: this.dilationRate, padding: this.padding } =
      resolveConvWindow<PaddingMode>(args, rank, rank === 1));
    const options = resolveConvOptions(args, ['kernel']);
    ({ dataFormat: this.dataFormat, activation: this.activation, useBias: this.useBias, biasOptions: this.biasOptions } = options);
    this.kernelOptions = options.kernels['kernel']!;
    this.filters = validateFilters(args.filters);
    const groups = args.groups ?? 1;
    if (!Number.isInteger(groups) || groups <= 0) {
      throw new ValueError(`The number of groups must be a positive integer. Received: groups=${String(groups)}.`);
    }
    if (this.filters % groups !== 0) {
      throw new ValueError(`The number of filters must be evenly divisible by the number of groups. Received: groups=${groups}, filters=${this.filters}.`);
    }
    this.groups = groups;
    validateStridesWithDilation(this.strides, this.dilationRate);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
  }

  override build(inputShape: Shape): void {
    const channels = definedChannels(inputShape, this.dataFormat, this.name);
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } });
    if (channels % this.groups !== 0) {
      throw new ValueError(
        `The number of input channels must be evenly divisible by the number of groups. Received groups=${this.groups}, ` +
          `but the input has ${channels} channels (full input shape is ${tupleString(inputShape)}).`,
      );
    }
    this.computeOutputShape(inputShape);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, channels / this.groups, this.filters], ...this.kernelOptions });
    this.bias = this.useBias ? this.addWeight({ name: 'bias', shape: [this.filters], ...this.biasOptions }) : null;
  }

  override call(inputs: Tensor): Tensor {
    const kernel = this.kernel.value;
    const x = inputs.dtype === kernel.dtype ? inputs : ops.cast(inputs, kernel.dtype);
    this.computeOutputShape(x.shape);
    const epilogue = { bias: this.bias?.value ?? null, activation: this.activation };
    return inChannelsLast(x, this.dataFormat, (y) => {
      if (this.rank !== 1) {
        return convolve(y, kernel, { strides: this.strides, padding: this.padding as 'valid' | 'same', dilation: this.dilationRate }, epilogue, this.groups);
      }
      // 1D: causal padding is left padding then 'valid'; the convolution runs in 2D with a unit height.
      let padding = this.padding;
      if (padding === 'causal') {
        y = ops.pad(y, [[0, 0], [effectiveKernel(this.kernelSize[0]!, this.dilationRate[0]!) - 1, 0], [0, 0]]);
        padding = 'valid';
      }
      const kernel2d = ops.expandDims(kernel, 0);
      const geometry = { strides: [1, this.strides[0]!], padding: padding as 'valid' | 'same', dilation: [1, this.dilationRate[0]!] };
      return as2d(y, (y2d) => convolve(y2d, kernel2d, geometry, epilogue, this.groups));
    });
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return computeConvOutputShape(inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...convWindowConfig(this),
      groups: this.groups,
      ...convOutputConfig(this, [['kernel', this.kernelOptions]]),
    };
  }
}
