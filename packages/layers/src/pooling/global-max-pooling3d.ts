import { ops, type Tensor } from '@strata/core';
import { registerLayer } from '../serialization.js';
import { BaseGlobalPooling, type BaseGlobalPoolingArgs } from './base-global-pooling.js';

/** Options of `GlobalMaxPooling3D`. */
export type GlobalMaxPooling3DArgs = BaseGlobalPoolingArgs;

/**
 * Global max pooling for 3D data, as `keras.layers.GlobalMaxPooling3D`: the maximum over every spatial position,
 * per channel.
 *
 * Arguments: `dataFormat`, `keepdims` (keep the pooled dimensions with size 1).
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, channels]`, or with `keepdims` the input shape with every spatial size 1.
 *
 * @example
 * new GlobalMaxPooling3D({ keepdims: true }).apply(ops.ones([2, 4, 4, 4, 3])).shape; // [2, 1, 1, 1, 3]
 */
export class GlobalMaxPooling3D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling3D';

  constructor(args: GlobalMaxPooling3DArgs = {}) {
    super(3, args);
  }

  override call(inputs: Tensor): Tensor {
    return ops.max(inputs, this.spatialAxes, this.keepdims);
  }
}
registerLayer(GlobalMaxPooling3D, ['GlobalMaxPool3D']);
