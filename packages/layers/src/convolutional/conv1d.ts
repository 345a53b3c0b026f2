import { registerLayer } from '../serialization.js';
import { BaseConv, type BaseConvArgs } from './base-conv.js';

/** Options of `Conv1D`. */
export type Conv1DArgs = BaseConvArgs;

/**
 * 1D convolution layer (temporal convolution), as `keras.layers.Conv1D`: a `[kernelSize, inputChannels / groups,
 * filters]` kernel slides over the steps; a bias is added and the activation applied. `padding: 'causal'` pads the
 * start of the sequence so that output `t` sees only inputs up to `t`.
 *
 * Arguments: `filters`, `kernelSize`, `strides`, `padding` (`'valid'`, `'same'`, `'causal'`), `dataFormat`,
 * `dilationRate`, `groups`, `activation`, `useBias`, `kernelInitializer`, `biasInitializer`, `kernelRegularizer`,
 * `biasRegularizer`, `activityRegularizer`, `kernelConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, newSteps, filters]` (or `[batch, filters, newSteps]`).
 *
 * @example
 * const conv = new Conv1D({ filters: 32, kernelSize: 3, padding: 'causal', activation: 'relu' });
 * conv.apply(ops.ones([4, 10, 128])).shape; // [4, 10, 32]
 */
export class Conv1D extends BaseConv {
  static override className = 'Conv1D';

  constructor(args: Conv1DArgs) {
    super(1, args);
  }
}
registerLayer(Conv1D, ['Convolution1D']);
