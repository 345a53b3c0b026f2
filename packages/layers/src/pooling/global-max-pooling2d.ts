import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { BaseGlobalPooling, type BaseGlobalPoolingArgs } from './base-global-pooling.js';

/** Options of `GlobalMaxPooling2D`. */
export type GlobalMaxPooling2DArgs = BaseGlobalPoolingArgs;

/**
 * Global max pooling for 2D data, as `keras.layers.GlobalMaxPooling2D`: the maximum over every spatial position,
 * per channel.
 *
 * Arguments: `dataFormat`, `keepdims` (keep the pooled dimensions with size 1).
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, channels]`, or with `keepdims` the input shape with every spatial size 1.
 *
 * @example
 * new GlobalMaxPooling2D().apply(ops.ones([4, 7, 7, 64])).shape; // [4, 64]
 */
export class GlobalMaxPooling2D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling2D';

  constructor(args: GlobalMaxPooling2DArgs = {}) {
    super(2, args);
  }

  override call(inputs: Tensor): Tensor {
    return ops.max(inputs, this.spatialAxes, this.keepdims);
  }
}
registerLayer(GlobalMaxPooling2D, ['GlobalMaxPool2D']);
