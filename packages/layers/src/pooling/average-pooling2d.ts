import { registerLayer } from '../serialization.js';
import { BasePooling, type BasePoolingArgs } from './base-pooling.js';

/** Options of `AveragePooling2D`. */
export type AveragePooling2DArgs = BasePoolingArgs;

/**
 * Average pooling for spatial data, as `keras.layers.AveragePooling2D`: each output is the mean of a `poolSize` window of
 * the input, the window moving by `strides` (default: `poolSize`).
 *
 * Arguments: `poolSize` (default 2), `strides`, `padding` (`'valid'`, `'same'`), `dataFormat`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, pooledHeight, pooledWidth, channels]` (or channels first).
 *
 * @example
 * new AveragePooling2D({ poolSize: 2 }).apply(ops.ones([4, 28, 28, 32])).shape; // [4, 14, 14, 32]
 */
export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';

  constructor(args: AveragePooling2DArgs = {}) {
    super(2, 'average', args);
  }
}
registerLayer(AveragePooling2D, ['AvgPool2D']);
