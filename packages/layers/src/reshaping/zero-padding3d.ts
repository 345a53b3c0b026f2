import type { Tensor } from '@strata/core';
import { standardizeDataFormat, standardizeSidePairs, type DataFormat } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { paddedShape, padSpatial } from './zero-padding-spatial.js';

/** Options of `ZeroPadding3D`. */
export interface ZeroPadding3DArgs extends LayerArgs {
  /**
   * An int (the same padding everywhere), 3 ints (symmetric per dimension) or 3 `[before, after]` pairs
   * (default 1).
   */
  padding?: number | ReadonlyArray<number | ReadonlyArray<number>>;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
}

/**
 * Zero-padding layer for 3D data (spatial or spatio-temporal), as `keras.layers.ZeroPadding3D`: adds zeros at both
 * ends of the three spatial dimensions.
 *
 * Arguments: `padding`, `dataFormat`.
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, paddedDim1, paddedDim2, paddedDim3, channels]` (or channels first).
 *
 * @example
 * new ZeroPadding3D({ padding: 2 }).apply(ops.ones([1, 4, 4, 4, 3])).shape; // [1, 8, 8, 8, 3]
 */
export class ZeroPadding3D extends Layer {
  static override className = 'ZeroPadding3D';

  /** One `[before, after]` pair per spatial dimension. */
  readonly padding: [[number, number], [number, number], [number, number]];
  readonly dataFormat: DataFormat;

  constructor(args: ZeroPadding3DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.padding = standardizeSidePairs(args.padding ?? 1, 3, 'padding',
      'a tuple of 3 ints (symmetric_dim1_pad, symmetric_dim2_pad, symmetric_dim3_pad), or a tuple of 3 tuples of 2 ints ((left_dim1_pad, right_dim1_pad), (left_dim2_pad, right_dim2_pad), (left_dim3_pad, right_dim2_pad))') as [[number, number], [number, number], [number, number]];
    this.inputSpec = new InputSpec({ ndim: 5 });
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
registerLayer(ZeroPadding3D);
