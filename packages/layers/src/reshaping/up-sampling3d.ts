import type { Tensor } from '@strata/core';
import { standardizeDataFormat, standardizeTuple, type DataFormat, type IntOrTuple } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { repeatAxis } from './up-sampling-resize.js';

/** Options of `UpSampling3D`. */
export interface UpSampling3DArgs extends LayerArgs {
  /** Upsampling factors for the three spatial dimensions: an int or three ints (default 2). */
  size?: IntOrTuple;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
}

/**
 * Upsampling layer for 3D inputs, as `keras.layers.UpSampling3D`: repeats the first, second and third spatial
 * dimensions `size[0]`, `size[1]` and `size[2]` times.
 *
 * Arguments: `size`, `dataFormat`.
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (channels last) or `[batch, channels, dim1, dim2, dim3]`.
 * Output shape: `[batch, dim1 · size[0], dim2 · size[1], dim3 · size[2], channels]` (or channels first).
 *
 * @example
 * new UpSampling3D({ size: [1, 2, 2] }).apply(ops.ones([1, 4, 4, 4, 3])).shape; // [1, 4, 8, 8, 3]
 */
export class UpSampling3D extends Layer {
  static override className = 'UpSampling3D';

  readonly size: [number, number, number];
  readonly dataFormat: DataFormat;

  constructor(args: UpSampling3DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.size = standardizeTuple(args.size ?? 2, 3, 'size') as [number, number, number];
    this.inputSpec = new InputSpec({ ndim: 5 });
  }

  override call(inputs: Tensor): Tensor {
    const first = this.dataFormat === 'channels_last' ? 1 : 2;
    return this.size.reduce((x, factor, i) => repeatAxis(x, factor, first + i), inputs);
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    const first = this.dataFormat === 'channels_last' ? 1 : 2;
    return inputShape.map((d, axis) => (d != null && axis >= first && axis < first + 3 ? d * this.size[axis - first]! : d));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: this.size, dataFormat: this.dataFormat };
  }
}
registerLayer(UpSampling3D);
