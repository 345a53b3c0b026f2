import type { Tensor } from '@strata/core';
import { standardizeDataFormat, standardizeSidePairs, type DataFormat } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { croppedShape, cropSpatial } from './cropping-spatial.js';

/** Options of `Cropping2D`. */
export interface Cropping2DArgs extends LayerArgs {
  /**
   * An int (the same crop everywhere), 2 ints (symmetric per dimension) or 2 `[before, after]` pairs
   * (default `[[0, 0], [0, 0]]`).
   */
  cropping?: number | ReadonlyArray<number | ReadonlyArray<number>>;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
}

/**
 * Cropping layer for 2D input (e.g. picture), as `keras.layers.Cropping2D`: removes positions at both ends of height and width.
 *
 * Arguments: `cropping`, `dataFormat`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, croppedHeight, croppedWidth, channels]` (or channels first).
 *
 * @example
 * new Cropping2D({ cropping: [[2, 2], [4, 4]] }).apply(ops.ones([2, 28, 28, 3])).shape; // [2, 24, 20, 3]
 */
export class Cropping2D extends Layer {
  static override className = 'Cropping2D';

  /** One `[before, after]` pair per spatial dimension. */
  readonly cropping: [[number, number], [number, number]];
  readonly dataFormat: DataFormat;

  constructor(args: Cropping2DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.cropping = standardizeSidePairs(args.cropping ?? [[0, 0], [0, 0]], 2, 'cropping',
      'a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, right_crop))') as [[number, number], [number, number]];
    this.inputSpec = new InputSpec({ ndim: 4 });
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
registerLayer(Cropping2D);
