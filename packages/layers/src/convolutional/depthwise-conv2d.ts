import { registerLayer } from '../serialization.js';
import { BaseDepthwiseConv, type BaseDepthwiseConvArgs } from './base-depthwise-conv.js';

/** Options of `DepthwiseConv2D`. */
export type DepthwiseConv2DArgs = BaseDepthwiseConvArgs;

/**
 * 2D depthwise convolution, as `keras.layers.DepthwiseConv2D`: each input channel is convolved with its own
 * `depthMultiplier` filters (a `[kh, kw, inputChannels, depthMultiplier]` kernel), then a bias is added and the
 * activation applied, in the backend's fused depthwise kernel.
 *
 * Arguments: `kernelSize`, `strides`, `padding`, `depthMultiplier`, `dataFormat`, `dilationRate`, `activation`,
 * `useBias`, `depthwiseInitializer`, `biasInitializer`, `depthwiseRegularizer`, `biasRegularizer`,
 * `activityRegularizer`, `depthwiseConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, newHeight, newWidth, channels · depthMultiplier]` (or channels first).
 *
 * @example
 * const conv = new DepthwiseConv2D({ kernelSize: 3, padding: 'same', activation: 'relu6' });
 * conv.apply(ops.ones([8, 56, 56, 64])).shape; // [8, 56, 56, 64]
 * conv.countParams(); // 640
 */
export class DepthwiseConv2D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv2D';

  constructor(args: DepthwiseConv2DArgs) {
    super(2, args);
  }
}
registerLayer(DepthwiseConv2D);
