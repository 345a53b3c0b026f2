import type { Tensor } from '@strata/core';
import { standardizeDataFormat, standardizeSidePairs, type DataFormat } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { paddedShape, padSpatial } from './zero-padding-spatial.js';

/** Options of `ZeroPadding2D`. */
export interface ZeroPadding2DArgs extends LayerArgs {
  /**
   * An int (the same padding everywhere), 2 ints (symmetric per dimension) or 2 `[before, after]` pairs
   * (default 1).
   */
  padding?: number | ReadonlyArray<number | ReadonlyArray<number>>;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
}

/**
 * Zero-padding layer for 2D input (e.g. picture), as `keras.layers.ZeroPadding2D`: adds rows and columns of zeros at
 * the top, bottom, left and right of the image.
 *
 * Arguments: `padding`, `dataFormat`.
 *
 * Input shape: `[batch, height, width, channels]` (channels last) or `[batch, channels, height, width]`.
 * Output shape: `[batch, paddedHeight, paddedWidth, channels]` (or channels first).
 *
 * @example
 * new ZeroPadding2D({ padding: [[1, 0], [2, 1]] }).apply(ops.ones([2, 3, 3, 2])).shape; // [2, 4, 6, 2]
 */
export class ZeroPadding2D extends Layer {
  static override className = 'ZeroPadding2D';

  /** One `[before, after]` pair per spatial dimension. */
  readonly padding: [[number, number], [number, number]];
  readonly dataFormat: DataFormat;

  constructor(args: ZeroPadding2DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.padding = standardizeSidePairs(args.padding ?? 1, 2, 'padding',
      'a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, right_crop))') as [[number, number], [number, number]];
    this.inputSpec = new InputSpec({ ndim: 4 });
  }

  override call(inputs: Tensor): Tensor {
    return padSpatial(inputs, this.padding, this.dataFormat);
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return paddedShape(inputShape, this.padding, this.dataFormat);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.padding, dataFormat: this.dataFormat };
  }
}
registerLayer(ZeroPadding2D);
