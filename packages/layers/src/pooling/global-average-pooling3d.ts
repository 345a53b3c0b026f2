import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { BaseGlobalPooling, type BaseGlobalPoolingArgs } from './base-global-pooling.js';

/** Options of `GlobalAveragePooling3D`. */
export type GlobalAveragePooling3DArgs = BaseGlobalPoolingArgs;

/**
 * Global average pooling for 3D data, as `keras.layers.GlobalAveragePooling3D`: the mean over every spatial position,
 * per channel.
 *
 * Arguments: `dataFormat`, `keepdims` (keep the pooled dimensions with size 1).
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, channels]`, or with `keepdims` the input shape with every spatial size 1.
 *
 * @example
 * new GlobalAveragePooling3D({ keepdims: true }).apply(ops.ones([2, 4, 4, 4, 3])).shape; // [2, 1, 1, 1, 3]
 */
export class GlobalAveragePooling3D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling3D';

  constructor(args: GlobalAveragePooling3DArgs = {}) {
    super(3, args);
  }

  override call(inputs: Tensor): Tensor {
    return ops.mean(inputs, this.spatialAxes, this.keepdims);
  }
}
registerLayer(GlobalAveragePooling3D, ['GlobalAvgPool3D']);
