import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { BaseGlobalPooling, type BaseGlobalPoolingArgs } from './base-global-pooling.js';

/** Options of `GlobalMaxPooling1D`. */
export type GlobalMaxPooling1DArgs = BaseGlobalPoolingArgs;

/**
 * Global max pooling for temporal data, as `keras.layers.GlobalMaxPooling1D`: the maximum over every spatial position,
 * per channel.
 *
 * Arguments: `dataFormat`, `keepdims` (keep the pooled dimensions with size 1).
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, channels]`, or with `keepdims` the input shape with every spatial size 1.
 *
 * @example
 * new GlobalMaxPooling1D().apply(ops.ones([4, 10, 8])).shape; // [4, 8]
 */
export class GlobalMaxPooling1D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling1D';

  constructor(args: GlobalMaxPooling1DArgs = {}) {
    super(1, args);
  }

  override call(inputs: Tensor): Tensor {
    return ops.max(inputs, this.spatialAxes, this.keepdims);
  }
}
registerLayer(GlobalMaxPooling1D, ['GlobalMaxPool1D']);
