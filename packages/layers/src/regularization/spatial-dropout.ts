import { random, ValueError, type Tensor } from '@strata/core';
import { InputSpec } from '../engine/input-spec.js';
import type { CallArgs, LayerArgs } from '../engine/layer.js';
import { registerLayer } from '../serialization.js';
import { Dropout } from './dropout.js';

/** Options of `SpatialDropout1D`. */
export interface SpatialDropout1DArgs extends LayerArgs {
  /** Fraction of the channels to drop, in [0, 1]. */
  rate: number;
  /** Seed of the layer's `SeedGenerator` (default: drawn from the global seed). */
  seed?: number | null;
}

/** Options of `SpatialDropout2D` and `SpatialDropout3D`. */
export interface SpatialDropout2DArgs extends SpatialDropout1DArgs {
  /** Where the channels are: `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: 'channels_last' | 'channels_first' | null;
}

/** Options of `SpatialDropout3D`. */
export type SpatialDropout3DArgs = SpatialDropout2DArgs;

/**
 * The base of the spatial dropouts, as Keras' `BaseSpatialDropout`: a `Dropout` whose mask drops whole channels
 * (one draw per sample and channel, shared over the steps or pixels), for inputs where neighbours are correlated.
 * Identity at inference. Configs hold only `rate`, `seed`, `name`, `dtype` (and `dataFormat`), as Keras writes them.
 */
export abstract class BaseSpatialDropout extends Dropout {
  readonly dataFormat: 'channels_last' | 'channels_first';

  constructor(args: SpatialDropout2DArgs, rank: number) {
    super({ ...args, noiseShape: null });
    const format = args.dataFormat ?? 'channels_last';
    if (format !== 'channels_last' && format !== 'channels_first') {
      throw new ValueError(`The "dataFormat" argument must be one of "channels_first", "channels_last". Received: ${JSON.stringify(args.dataFormat)}`);
    }
    this.dataFormat = format;
    this.inputSpec = new InputSpec({ ndim: rank });
  }

  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    if (kwargs.training && this.rate > 0) {
      const shape = inputs.shape;
      const noiseShape = shape.map((d, i) => {
        if (i === 0) return d;
        const channel = this.dataFormat === 'channels_first' ? 1 : shape.length - 1;
        return i === channel ? d : 1;
      });
      return random.dropout(inputs, this.rate, { noiseShape, seed: this.seedGenerator });
    }
    return inputs;
  }

  override getConfig(): Record<string, unknown> {
    return { rate: this.rate, seed: this.seed, name: this.name, dtype: this.variableDtype };
  }
}

/**
 * Drops entire 1D feature maps (channels), as `keras.layers.SpatialDropout1D`.
 *
 * Arguments: `rate`, `seed`.
 *
 * Input shape: `[batch, steps, channels]`. Output shape: the input shape.
 *
 * @example
 * new SpatialDropout1D({ rate: 0.5, seed: 1 }).apply(ops.ones([2, 10, 4]), { training: true }); // whole channels 0 or 2
 */
export class SpatialDropout1D extends BaseSpatialDropout {
  static override className = 'SpatialDropout1D';

  constructor(args: SpatialDropout1DArgs) {
    super({ ...args, dataFormat: 'channels_last' }, 3);
  }
}
registerLayer(SpatialDropout1D);

/**
 * Drops entire 2D feature maps (channels), as `keras.layers.SpatialDropout2D`.
 *
 * Arguments: `rate`, `dataFormat`, `seed`.
 *
 * Input shape: `[batch, rows, cols, channels]` (or channels first). Output shape: the input shape.
 *
 * @example
 * new SpatialDropout2D({ rate: 0.5 }).apply(ops.ones([2, 8, 8, 3]), { training: true });
 */
export class SpatialDropout2D extends BaseSpatialDropout {
  static override className = 'SpatialDropout2D';

  constructor(args: SpatialDropout2DArgs) {
    super(args, 4);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}
registerLayer(SpatialDropout2D);

/**
 * Drops entire 3D feature maps (channels), as `keras.layers.SpatialDropout3D`.
 *
 * Arguments: `rate`, `dataFormat`, `seed`.
 *
 * Input shape: `[batch, dim1, dim2, dim3, channels]` (or channels first). Output shape: the input shape.
 *
 * @example
 * new SpatialDropout3D({ rate: 0.5 }).apply(ops.ones([2, 4, 4, 4, 3]), { training: true });
 */
export class SpatialDropout3D extends BaseSpatialDropout {
  static override className = 'SpatialDropout3D';

  constructor(args: SpatialDropout3DArgs) {
    super(args, 5);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}
registerLayer(SpatialDropout3D);
