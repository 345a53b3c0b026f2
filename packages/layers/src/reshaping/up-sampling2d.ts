import { NotImplementedError, ValueError, type Tensor } from '@strata/core';
import { standardizeDataFormat, standardizeTuple, type DataFormat, type IntOrTuple } from '../convolutional/arguments.js';
import { inChannelsLast } from '../convolutional/layout.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { bilinearAxis, repeatAxis } from './up-sampling-resize.js';

/** Options of `UpSampling2D`. */
export interface UpSampling2DArgs extends LayerArgs {
  /** Upsampling factors for rows and columns: an int or `[rows, columns]` (default 2). */
  size?: IntOrTuple;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
  /** `'nearest'` (default: repeat rows and columns) or `'bilinear'` (half-pixel centers, as Keras' `ops.image.resize`). */
  interpolation?: 'nearest' | 'bilinear' | string;
}

/** Interpolations Keras' `ops.image.resize` knows and Strata does not compute yet. */
const UNSUPPORTED = ['lanczos3', 'lanczos5', 'bicubic'];

/**
 * Upsampling layer for 2D inputs, as `keras.layers.UpSampling2D`: repeats rows and columns `size` times
 * (`'nearest'`), or resizes by `size` with bilinear interpolation (`'bilinear'`, sampling at half-pixel centers, as
 * Keras' `ops.image.resize`).
 *
 * Arguments: `size`, `dataFormat`, `interpolation`.
 *
 * Input shape: `[batch, rows, cols, channels]` (channels last) or `[batch, channels, rows, cols]`.
 * Output shape: `[batch, rows · size[0], cols · size[1], channels]` (or channels first).
 *
 * @example
 * new UpSampling2D({ size: 2, interpolation: 'bilinear' }).apply(ops.ones([1, 3, 3, 2])).shape; // [1, 6, 6, 2]
 */
export class UpSampling2D extends Layer {
  static override className = 'UpSampling2D';

  readonly size: [number, number];
  readonly dataFormat: DataFormat;
  readonly interpolation: 'nearest' | 'bilinear';

  constructor(args: UpSampling2DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.size = standardizeTuple(args.size ?? 2, 2, 'size') as [number, number];
    const interpolation = String(args.interpolation ?? 'nearest').toLowerCase();
    if (UNSUPPORTED.includes(interpolation)) {
      throw new NotImplementedError(`UpSampling2D: interpolation="${interpolation}" is not supported yet; use "nearest" or "bilinear".`);
    }
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
      throw new ValueError(
        `Invalid value for argument \`interpolation\`. Expected of one ('bilinear', 'nearest', 'lanczos3', 'lanczos5', 'bicubic'). ` +
          `Received: interpolation=${String(args.interpolation)}`,
      );
    }
    this.interpolation = interpolation;
    this.inputSpec = new InputSpec({ ndim: 4 });
  }

  override call(inputs: Tensor): Tensor {
    const resize = this.interpolation === 'nearest' ? repeatAxis : bilinearAxis;
    return inChannelsLast(inputs, this.dataFormat, (x) => resize(resize(x, this.size[0], 1), this.size[1], 2));
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    const first = this.dataFormat === 'channels_last' ? 1 : 2;
    return inputShape.map((d, axis) => (d != null && axis >= first && axis < first + 2 ? d * this.size[axis - first]! : d));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: this.size, dataFormat: this.dataFormat, interpolation: this.interpolation };
  }
}
registerLayer(UpSampling2D);
