import { registerLayer } from '../serialization.js';
import { BasePooling, type BasePoolingArgs } from './base-pooling.js';

/** Options of `MaxPooling2D`. */
export type MaxPooling2DArgs = BasePoolingArgs;

/**
 * Max pooling for spatial data, as `keras.layers.MaxPooling2D`: each output is the maximum of a `poolSize` window of
 * the input, the window moving by `strides` (default: `poolSize`).
 *
 * Arguments: `poolSize` (default 2), `strides`, `padding` (`'valid'`, `'same'`), `dataFormat`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, pooledHeight, pooledWidth, channels]` (or channels first).
 *
 * @example
 * new MaxPooling2D({ poolSize: 2 }).apply(ops.ones([4, 28, 28, 32])).shape; // [4, 14, 14, 32]
 */
export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';

  constructor(args: MaxPooling2DArgs = {}) {
    super(2, 'max', args);
  }
}
registerLayer(MaxPooling2D, ['MaxPool2D']);
