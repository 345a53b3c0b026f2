import { registerLayer } from '../serialization.js';
import { BaseDepthwiseConv, type BaseDepthwiseConvArgs } from './base-depthwise-conv.js';

/** Options of `DepthwiseConv1D`. */
export type DepthwiseConv1DArgs = BaseDepthwiseConvArgs;

/**
 * 1D depthwise convolution, as `keras.layers.DepthwiseConv1D`: each input channel is convolved over the steps with
 * its own `depthMultiplier` filters (a `[kernelSize, inputChannels, depthMultiplier]` kernel), then a bias is added
 * and the activation applied.
 *
 * Arguments: `kernelSize`, `strides`, `padding`, `depthMultiplier`, `dataFormat`, `dilationRate`, `activation`,
 * `useBias`, `depthwiseInitializer`, `biasInitializer`, `depthwiseRegularizer`, `biasRegularizer`,
 * `activityRegularizer`, `depthwiseConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, newSteps, channels · depthMultiplier]` (or channels first).
 *
 * @example
 * const conv = new DepthwiseConv1D({ kernelSize: 3, depthMultiplier: 2 });
 * conv.apply(ops.ones([4, 10, 12])).shape; // [4, 8, 24]
 */
export class DepthwiseConv1D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv1D';

  constructor(args: DepthwiseConv1DArgs) {
    super(1, args);
  }
}
registerLayer(DepthwiseConv1D);
