import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { BaseGlobalPooling, type BaseGlobalPoolingArgs } from './base-global-pooling.js';

/** Options of `GlobalAveragePooling2D`. */
export type GlobalAveragePooling2DArgs = BaseGlobalPoolingArgs;

/**
 * Global average pooling for 2D data, as `keras.layers.GlobalAveragePooling2D`: the mean over every spatial position,
 * per channel.
 *
 * Arguments: `dataFormat`, `keepdims` (keep the pooled dimensions with size 1).
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, channels]`, or with `keepdims` the input shape with every spatial size 1.
 *
 * @example
 * new GlobalAveragePooling2D().apply(ops.ones([4, 7, 7, 64])).shape; // [4, 64]
 */
export class GlobalAveragePooling2D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling2D';

  constructor(args: GlobalAveragePooling2DArgs = {}) {
    super(2, args);
  }

  override call(inputs: Tensor): Tensor {
    return ops.mean(inputs, this.spatialAxes, this.keepdims);
  }
}
registerLayer(GlobalAveragePooling2D, ['GlobalAvgPool2D']);
