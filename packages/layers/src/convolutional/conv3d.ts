import { registerLayer } from '../serialization.js';
import { BaseConv, type BaseConvArgs } from './base-conv.js';

/** Options of `Conv3D`. */
export type Conv3DArgs = BaseConvArgs;

/**
 * 3D convolution layer (spatial convolution over volumes), as `keras.layers.Conv3D`: a `[kd, kh, kw,
 * inputChannels / groups, filters]` kernel slides over the three spatial dimensions; a bias is added and the
 * activation applied.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding` (`'valid'`, `'same'`), `dataFormat`, `dilationRate`,
 * `groups`, `activation`, `useBias`, `kernelInitializer`, `biasInitializer`, `kernelRegularizer`, `biasRegularizer`,
 * `activityRegularizer`, `kernelConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, newDim1, newDim2, newDim3, filters]` (or channels first).
 *
 * @example
 * const conv = new Conv3D({ filters: 8, kernelSize: 3, padding: 'same' });
 * conv.apply(ops.ones([2, 8, 8, 8, 3])).shape; // [2, 8, 8, 8, 8]
 */
export class Conv3D extends BaseConv {
  static override className = 'Conv3D';

  constructor(args: Conv3DArgs) {
    super(3, args);
  }
}
registerLayer(Conv3D, ['Convolution3D']);
