import { registerLayer } from '../serialization.js';
import { BaseSeparableConv, type BaseSeparableConvArgs } from './base-separable-conv.js';

/** Options of `SeparableConv2D`. */
export type SeparableConv2DArgs = BaseSeparableConvArgs;

/**
 * 2D depthwise-separable convolution, as `keras.layers.SeparableConv2D`: a depthwise convolution over height and width (each
 * input channel with its own `depthMultiplier` filters), then a pointwise convolution mixing the channels into
 * `filters` outputs; then a bias is added and the activation applied.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding`, `dataFormat`, `dilationRate`, `depthMultiplier`,
 * `activation`, `useBias`, `depthwiseInitializer`, `pointwiseInitializer`, `biasInitializer`,
 * `depthwiseRegularizer`, `pointwiseRegularizer`, `biasRegularizer`, `activityRegularizer`,
 * `depthwiseConstraint`, `pointwiseConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, newHeight, newWidth, filters]` (or channels first).
 *
 * @example
 * const conv = new SeparableConv2D({ filters: 64, kernelSize: 3 });
 * conv.apply(Input({ shape: [32, 32, 32] })).shape; // [null, 30, 30, 64]
 * conv.countParams(); // 2400 (288 depthwise + 2048 pointwise + 64 bias)
 */
export class SeparableConv2D extends BaseSeparableConv {
  static override className = 'SeparableConv2D';

  constructor(args: SeparableConv2DArgs) {
    super(2, args);
  }
}
registerLayer(SeparableConv2D, ['SeparableConvolution2D']);
