import type { Tensor } from '@strata/core';
import { standardizeDataFormat, standardizeTuple, type DataFormat } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { paddedShape, padSpatial } from './zero-padding-spatial.js';

/** Options of `ZeroPadding1D`. */
export interface ZeroPadding1DArgs extends LayerArgs {
  /** Zeros to add at the start and the end: an int (both) or `[start, end]` (default 1). */
  padding?: number | [number, number];
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
}

/**
 * Zero-padding layer for 1D input (e.g. temporal sequence), as `keras.layers.ZeroPadding1D`: adds zeros at the start
 * and the end of the time dimension.
 *
 * Arguments: `padding`, `dataFormat`.
 *
 * Input shape: `[batch, steps, features]` (channels last) or `[batch, features, steps]`.
 * Output shape: `[batch, steps + start + end, features]` (or channels first).
 *
 * @example
 * new ZeroPadding1D({ padding: [1, 2] }).apply(ops.ones([2, 3, 4])).shape; // [2, 6, 4]
 */
export class ZeroPadding1D extends Layer {
  static override className = 'ZeroPadding1D';

  /** `[start, end]`. */
  readonly padding: [number, number];
  readonly dataFormat: DataFormat;

  constructor(args: ZeroPadding1DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.padding = standardizeTuple(args.padding ?? 1, 2, 'padding', true) as [number, number];
    this.inputSpec = new InputSpec({ ndim: 3 });
  }

  override call(inputs: Tensor): Tensor {
    return padSpatial(inputs, [this.padding], this.dataFormat);
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return paddedShape(inputShape, [this.padding], this.dataFormat);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.padding, dataFormat: this.dataFormat };
  }
}
registerLayer(ZeroPadding1D);
