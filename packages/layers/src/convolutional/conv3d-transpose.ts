import { registerLayer } from '../serialization.js';
import { BaseConvTranspose, type BaseConvTransposeArgs } from './base-conv-transpose.js';

/** Options of `Conv3DTranspose`. */
export type Conv3DTransposeArgs = BaseConvTransposeArgs;

/**
 * 3D transposed convolution (deconvolution), as `keras.layers.Conv3DTranspose`: goes from the shape of a
 * convolution's output to the shape of its input, with a `[kd, kh, kw, filters, inputChannels]` kernel; then a bias is added and the
 * activation applied. `outputPadding` picks among the output sizes a strided convolution maps to the same size.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding`, `outputPadding`, `dataFormat`, `dilationRate`,
 * `activation`, `useBias`, `kernelInitializer`, `biasInitializer`, `kernelRegularizer`, `biasRegularizer`,
 * `activityRegularizer`, `kernelConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, newDim1, newDim2, newDim3, filters]` (or channels first), each new size `(size - 1) · stride + kernelSize` for `valid`, `size · stride` for `same`.
 *
 * @example
 * const up = new Conv3DTranspose({ filters: 4, kernelSize: 2, strides: 2 });
 * up.apply(ops.ones([1, 4, 4, 4, 8])).shape; // [1, 8, 8, 8, 4]
 */
export class Conv3DTranspose extends BaseConvTranspose {
  static override className = 'Conv3DTranspose';

  constructor(args: Conv3DTransposeArgs) {
    super(3, args);
  }
}
registerLayer(Conv3DTranspose, ['Convolution3DTranspose']);
