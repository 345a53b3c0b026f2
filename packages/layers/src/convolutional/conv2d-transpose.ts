import { registerLayer } from '../serialization.js';
import { BaseConvTranspose, type BaseConvTransposeArgs } from './base-conv-transpose.js';

/** Options of `Conv2DTranspose`. */
export type Conv2DTransposeArgs = BaseConvTransposeArgs;

/**
 * 2D transposed convolution (deconvolution), as `keras.layers.Conv2DTranspose`: goes from the shape of a
 * convolution's output to the shape of its input, with a `[kh, kw, filters, inputChannels]` kernel; then a bias is added and the
 * activation applied. `outputPadding` picks among the output sizes a strided convolution maps to the same size.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding`, `outputPadding`, `dataFormat`, `dilationRate`,
 * `activation`, `useBias`, `kernelInitializer`, `biasInitializer`, `kernelRegularizer`, `biasRegularizer`,
 * `activityRegularizer`, `kernelConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, newHeight, newWidth, filters]` (or channels first), each new size `(size - 1) · stride + kernelSize` for `valid`, `size · stride` for `same`.
 *
 * @example
 * const up = new Conv2DTranspose({ filters: 32, kernelSize: 3, strides: 2, padding: 'same' });
 * up.apply(ops.ones([2, 14, 14, 64])).shape; // [2, 28, 28, 32]
 */
export class Conv2DTranspose extends BaseConvTranspose {
  static override className = 'Conv2DTranspose';

  constructor(args: Conv2DTransposeArgs) {
    super(2, args);
  }
}
registerLayer(Conv2DTranspose, ['Convolution2DTranspose']);
