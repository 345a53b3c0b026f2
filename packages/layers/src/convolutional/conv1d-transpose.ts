import { registerLayer } from '../serialization.js';
import { BaseConvTranspose, type BaseConvTransposeArgs } from './base-conv-transpose.js';

/** Options of `Conv1DTranspose`. */
export type Conv1DTransposeArgs = BaseConvTransposeArgs;

/**
 * 1D transposed convolution (deconvolution), as `keras.layers.Conv1DTranspose`: goes from the shape of a
 * convolution's output to the shape of its input, with a `[kernelSize, filters, inputChannels]` kernel; then a bias is added and the
 * activation applied. `outputPadding` picks among the output sizes a strided convolution maps to the same size.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding`, `outputPadding`, `dataFormat`, `dilationRate`,
 * `activation`, `useBias`, `kernelInitializer`, `biasInitializer`, `kernelRegularizer`, `biasRegularizer`,
 * `activityRegularizer`, `kernelConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, newSteps, filters]` (or `[batch, filters, newSteps]`), `newSteps = (steps - 1) · stride + kernelSize` for `valid`, `steps · stride` for `same`.
 *
 * @example
 * const up = new Conv1DTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' });
 * up.apply(ops.ones([4, 10, 16])).shape; // [4, 20, 8]
 */
export class Conv1DTranspose extends BaseConvTranspose {
  static override className = 'Conv1DTranspose';

  constructor(args: Conv1DTransposeArgs) {
    super(1, args);
  }
}
registerLayer(Conv1DTranspose, ['Convolution1DTranspose']);
