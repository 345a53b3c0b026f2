import type { Tensor } from '@strata/core';
import { standardizeDataFormat, standardizeSidePairs, type DataFormat } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { croppedShape, cropSpatial } from './cropping-spatial.js';

/** Options of `Cropping3D`. */
export interface Cropping3DArgs extends LayerArgs {
  /**
   * An int (the same crop everywhere), 3 ints (symmetric per dimension) or 3 `[before, after]` pairs
   * (default `[[1, 1], [1, 1], [1, 1]]`).
   */
  cropping?: number | ReadonlyArray<number | ReadonlyArray<number>>;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
}

/**
 * Cropping layer for 3D data (e.g. spatial or spatio-temporal), as `keras.layers.Cropping3D`: removes positions at both ends of the three spatial dimensions.
 *
 * Arguments: `cropping`, `dataFormat`.
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, croppedDim1, croppedDim2, croppedDim3, channels]` (or channels first).
 *
 * @example
 * new Cropping3D({ cropping: [[1, 1], [2, 2], [2, 2]] }).apply(ops.ones([2, 8, 8, 8, 3])).shape; // [2, 6, 4, 4, 3]
 */
export class Cropping3D extends Layer {
  static override className = 'Cropping3D';

  /** One `[before, after]` pair per spatial dimension. */
  readonly cropping: [[number, number], [number, number], [number, number]];
  readonly dataFormat: DataFormat;

  constructor(args: Cropping3DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.cropping = standardizeSidePairs(args.cropping ?? [[1, 1], [1, 1], [1, 1]], 3, 'cropping',
      'a tuple of 3 ints (symmetric_dim1_crop, symmetric_dim2_crop, symmetric_dim3_crop), or a tuple of 3 tuples of 2 ints ((left_dim1_crop, right_dim1_crop), (left_dim2_crop, right_dim2_crop), (left_dim3_crop, right_dim2_crop))') as [[number, number], [number, number], [number, number]];
    this.inputSpec = new InputSpec({ ndim: 5 });
  }

  override call(inputs: Tensor): Tensor {
    return cropSpatial(inputs, this.cropping, this.dataFormat);
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return croppedShape(inputShape, this.cropping, this.dataFormat, 'input_shape');
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.cropping, dataFormat: this.dataFormat };
  }
}
registerLayer(Cropping3D);
