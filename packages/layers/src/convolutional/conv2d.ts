import { registerLayer } from '../serialization.js';
import { BaseConv, type BaseConvArgs } from './base-conv.js';

/** Options of `Conv2D`. */
export type Conv2DArgs = BaseConvArgs;

/**
 * 2D convolution layer (spatial convolution over images), as `keras.layers.Conv2D`: a `[kh, kw, inputChannels /
 * groups, filters]` kernel slides over height and width; a bias is added and the activation applied. It runs the
 * backend's fused convolution kernel (convolution, bias and activation in one pass), and dilated kernels train too.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding` (`'valid'`, `'same'`), `dataFormat`, `dilationRate`,
 * `groups`, `activation`, `useBias`, `kernelInitializer`, `biasInitializer`, `kernelRegularizer`, `biasRegularizer`,
 * `activityRegularizer`, `kernelConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, newHeight, newWidth, filters]` (or `[batch, filters, newHeight, newWidth]`).
 *
 * @example
 * const conv = new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu' });
 * conv.apply(Input({ shape: [28, 28, 1] })).shape; // [null, 26, 26, 32]
 * conv.countParams(); // 320
 */
export class Conv2D extends BaseConv {
  static override className = 'Conv2D';

  constructor(args: Conv2DArgs) {
    super(2, args);
  }
}
registerLayer(Conv2D, ['Convolution2D']);
