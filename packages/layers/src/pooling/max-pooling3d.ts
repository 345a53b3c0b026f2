import { registerLayer } from '../serialization.js';
import { BasePooling, type BasePoolingArgs } from './base-pooling.js';

/** Options of `MaxPooling3D`. */
export type MaxPooling3DArgs = BasePoolingArgs;

/**
 * Max pooling for 3D (spatial or spatio-temporal) data, as `keras.layers.MaxPooling3D`: each output is the maximum of a `poolSize` window of
 * the input, the window moving by `strides` (default: `poolSize`).
 *
 * Arguments: `poolSize` (default 2), `strides`, `padding` (`'valid'`, `'same'`), `dataFormat`.
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, pooledDim1, pooledDim2, pooledDim3, channels]` (or channels first).
 *
 * @example
 * new MaxPooling3D({ poolSize: 2, padding: 'same' }).apply(ops.ones([2, 5, 5, 5, 3])).shape; // [2, 3, 3, 3, 3]
 */
export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';

  constructor(args: MaxPooling3DArgs = {}) {
    super(3, 'max', args);
  }
}
registerLayer(MaxPooling3D, ['MaxPool3D']);
