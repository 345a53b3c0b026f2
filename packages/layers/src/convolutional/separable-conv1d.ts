import { registerLayer } from '../serialization.js';
import { BaseSeparableConv, type BaseSeparableConvArgs } from './base-separable-conv.js';

/** Options of `SeparableConv1D`. */
export type SeparableConv1DArgs = BaseSeparableConvArgs;

/**
 * 1D depthwise-separable convolution, as `keras.layers.SeparableConv1D`: a depthwise convolution over the steps (each
 * input channel with its own `depthMultiplier` filters), then a pointwise convolution mixing the channels into
 * `filters` outputs; then a bias is added and the activation applied.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding`, `dataFormat`, `dilationRate`, `depthMultiplier`,
 * `activation`, `useBias`, `depthwiseInitializer`, `pointwiseInitializer`, `biasInitializer`,
 * `depthwiseRegularizer`, `pointwiseRegularizer`, `biasRegularizer`, `activityRegularizer`,
 * `depthwiseConstraint`, `pointwiseConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, newSteps, filters]` (or `[batch, filters, newSteps]`).
 *
 * @example
 * const conv = new SeparableConv1D({ filters: 16, kernelSize: 3, depthMultiplier: 2 });
 * conv.apply(ops.ones([4, 10, 8])).shape; // [4, 8, 16]
 */
export class SeparableConv1D extends BaseSeparableConv {
  static override className = 'SeparableConv1D';

  constructor(args: SeparableConv1DArgs) {
    super(1, args);
  }
}
registerLayer(SeparableConv1D, ['SeparableConvolution1D']);
