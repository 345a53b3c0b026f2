import { activations, ops, ValueError, type Tensor } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import { standardizeTuple, type DataFormat, type IntOrTuple } from './arguments.js';
import { definedChannels, validateFilters, validateStridesWithDilation } from './base-conv.js';
import { convOutputConfig, convWindowConfig, resolveConvOptions, resolveConvWindow, type ConvCommonArgs } from './conv-args.js';
import { computeConvTransposeOutputShape, tupleString } from './conv-shapes.js';
import { convolveTranspose } from './convolution.js';
import { as2d, inChannelsLast } from './layout.js';
import type { WeightOptions } from './weight-options.js';

/** Options of `Conv1DTranspose`, `Conv2DTranspose` and `Conv3DTranspose`. */
export interface BaseConvTransposeArgs extends ConvCommonArgs {
  /** Number of output channels (filters), a positive integer. */
  filters: number;
  /** Stride of the transposed convolution (default 1): the output is about `strides` times the input. */
  strides?: IntOrTuple;
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same' | string;
  /** Extra size added at the end of each spatial dimension, each below its stride (default: inferred). */
  outputPadding?: IntOrTuple | null;
  /** Dilation rate of the kernel (default 1); rates above 1 exclude strides above 1. */
  dilationRate?: IntOrTuple;
  /** Default `'glorot_uniform'`. */
  kernelInitializer?: initializers.InitializerIdentifier | null;
  kernelRegularizer?: regularizers.RegularizerIdentifier | null;
  kernelConstraint?: constraints.ConstraintIdentifier | null;
}

/**
 * The transposed convolution (deconvolution) `Conv1DTranspose`, `Conv2DTranspose` and `Conv3DTranspose` share, as
 * Keras' `BaseConvTranspose`: the gradient of a convolution with respect to its input, used to upsample; then a bias
 * and the activation. Sizes and paddings are Keras 3's (its JAX backend's `conv_transpose`).
 *
 * The kernel has shape `[…kernelSize, filters, inputChannels]` and the bias `[filters]`.
 */
export abstract class BaseConvTranspose extends Layer {
  static override className = 'BaseConvTranspose';

  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly outputPadding: number[] | null;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly kernelOptions: WeightOptions;
  readonly biasOptions: WeightOptions;
  /** The `[…kernelSize, filters, inputChannels]` weight, once built. */
  kernel!: KerasVariable;
  /** The `[filters]` weight, once built (null without bias). */
  bias: KerasVariable | null = null;

  constructor(rank: number, args: BaseConvTransposeArgs) {
    super(args);
    this.rank = rank;
    ({ kernelSize: this.kernelSize, strides: this.strides, dilationRate: this.dilationRate, padding: this.padding } =
      resolveConvWindow(args, rank));
    this.outputPadding = args.outputPadding == null ? null : standardizeTuple(args.outputPadding, rank, 'output_padding', true);
    const options = resolveConvOptions(args, ['kernel']);
    ({ dataFormat: this.dataFormat, activation: this.activation, useBias: this.useBias, biasOptions: this.biasOptions } = options);
    this.kernelOptions = options.kernels['kernel']!;
    this.filters = validateFilters(args.filters);
    this.outputPadding?.forEach((op, i) => {
      const s = this.strides[i]!;
      if (op >= s) {
        throw new ValueError(
          `\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${i}, \`output_padding\` is ${op} ` +
            `but \`strides\` is ${s}. Received: output_padding=${tupleString(this.outputPadding!)}, strides=${tupleString(this.strides)}`,
        );
      }
    });
    validateStridesWithDilation(this.strides, this.dilationRate);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
  }

  override build(inputShape: Shape): void {
    const channels = definedChannels(inputShape, this.dataFormat, this.name);
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } });
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, this.filters, channels], ...this.kernelOptions });
    this.bias = this.useBias ? this.addWeight({ name: 'bias', shape: [this.filters], ...this.biasOptions }) : null;
  }

  override call(inputs: Tensor): Tensor {
    const kernel = this.kernel.value;
    const x = inputs.dtype === kernel.dtype ? inputs : ops.cast(inputs, kernel.dtype);
    const epilogue = { bias: this.bias?.value ?? null, activation: this.activation };
    // 1D runs as 2D with a unit height: stride, dilation 1 and output padding 0 along it.
    const lift = (v: number[], unit = 1): number[] => (this.rank === 1 ? [unit, ...v] : v);
    const geometry = {
      strides: lift(this.strides), padding: this.padding, dilation: lift(this.dilationRate),
      outputPadding: this.outputPadding && lift(this.outputPadding, 0),
    };
    const kernel2d = this.rank === 1 ? ops.expandDims(kernel, 0) : kernel;
    return inChannelsLast(x, this.dataFormat, (y) => as2d(y, (y2d) => convolveTranspose(y2d, kernel2d, geometry, epilogue)));
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return computeConvTransposeOutputShape(
      inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.outputPadding, this.dataFormat, this.dilationRate,
    );
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...convWindowConfig(this, { outputPadding: this.outputPadding }),
      ...convOutputConfig(this, [['kernel', this.kernelOptions]]),
    };
  }
}
