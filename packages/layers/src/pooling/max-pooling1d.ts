import { registerLayer } from '../serialization.js';
import { BasePooling, type BasePoolingArgs } from './base-pooling.js';

/** Options of `MaxPooling1D`. */
export type MaxPooling1DArgs = BasePoolingArgs;

/**
 * Max pooling for temporal data, as `keras.layers.MaxPooling1D`: each output is the maximum of a `poolSize` window of
 * the input, the window moving by `strides` (default: `poolSize`).
 *
 * Arguments: `poolSize` (default 2), `strides`, `padding` (`'valid'`, `'same'`), `dataFormat`.
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, pooledSteps, channels]` (or channels first).
 *
 * @example
 * new MaxPooling1D({ poolSize: 2 }).apply(ops.ones([4, 10, 8])).shape; // [4, 5, 8]
 */
export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';

  constructor(args: MaxPooling1DArgs = {}) {
    super(1, 'max', args);
  }
}
registerLayer(MaxPooling1D, ['MaxPool1D']);
