import { registerLayer } from '../serialization.js';
import { BasePooling, type BasePoolingArgs } from './base-pooling.js';

/** Options of `AveragePooling1D`. */
export type AveragePooling1DArgs = BasePoolingArgs;

/**
 * Average pooling for temporal data, as `keras.layers.AveragePooling1D`: each output is the mean of a `poolSize` window of
 * the input, the window moving by `strides` (default: `poolSize`).
 *
 * Arguments: `poolSize` (default 2), `strides`, `padding` (`'valid'`, `'same'`), `dataFormat`.
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, pooledSteps, channels]` (or channels first).
 *
 * @example
 * new AveragePooling1D({ poolSize: 2 }).apply(ops.ones([4, 10, 8])).shape; // [4, 5, 8]
 */
export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';

  constructor(args: AveragePooling1DArgs = {}) {
    super(1, 'average', args);
  }
}
registerLayer(AveragePooling1D, ['AvgPool1D']);
