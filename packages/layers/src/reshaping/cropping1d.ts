import type { Tensor } from '@strata/core';
import { standardizeTuple } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { croppedShape, cropSpatial } from './cropping-spatial.js';

/** Options of `Cropping1D`. */
export interface Cropping1DArgs extends LayerArgs {
  /** Steps to crop at the start and the end: an int (both) or `[start, end]` (default `[1, 1]`). */
  cropping?: number | [number, number];
}

/**
 * Cropping layer for 1D input (e.g. temporal sequence), as `keras.layers.Cropping1D`: removes steps at the start and
 * the end of the time dimension (axis 1).
 *
 * Arguments: `cropping`.
 *
 * Input shape: `[batch, steps, features]`. Output shape: `[batch, steps - start - end, features]`.
 *
 * @example
 * new Cropping1D({ cropping: [1, 2] }).apply(ops.ones([2, 6, 3])).shape; // [2, 3, 3]
 */
export class Cropping1D extends Layer {
  static override className = 'Cropping1D';

  /** `[start, end]`. */
  readonly cropping: [number, number];

  constructor(args: Cropping1DArgs = {}) {
    super(args);
    this.cropping = standardizeTuple(args.cropping ?? [1, 1], 2, 'cropping', true) as [number, number];
    this.inputSpec = new InputSpec({ ndim: 3 });
  }

  override call(inputs: Tensor): Tensor {
    return cropSpatial(inputs, [this.cropping], 'channels_last');
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return croppedShape(inputShape, [this.cropping], 'channels_last', 'input_shape');
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.cropping };
  }
}
registerLayer(Cropping1D);
