import { ValueError, type Tensor } from '@strata/core';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { repeatAxis } from './up-sampling-resize.js';

/** Options of `UpSampling1D`. */
export interface UpSampling1DArgs extends LayerArgs {
  /** How many times each step is repeated (default 2). */
  size?: number;
}

/**
 * Upsampling layer for 1D inputs, as `keras.layers.UpSampling1D`: repeats each temporal step `size` times.
 *
 * Arguments: `size`.
 *
 * Input shape: `[batch, steps, features]`. Output shape: `[batch, steps · size, features]`.
 *
 * @example
 * new UpSampling1D({ size: 3 }).apply(ops.ones([2, 4, 5])).shape; // [2, 12, 5]
 */
export class UpSampling1D extends Layer {
  static override className = 'UpSampling1D';

  readonly size: number;

  constructor(args: UpSampling1DArgs = {}) {
    super(args);
    const size = args.size ?? 2;
    if (typeof size !== 'number' || !Number.isInteger(size)) {
      throw new TypeError(`Expected an integer value for \`size\`, got ${Array.isArray(size) ? 'list' : typeof size}.`);
    }
    if (size <= 0) throw new ValueError(`Argument \`size\` should be a positive integer. Received: size=${size}`);
    this.size = size;
    this.inputSpec = new InputSpec({ ndim: 3 });
  }

  override call(inputs: Tensor): Tensor {
    return repeatAxis(inputs, this.size, 1);
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return [inputShape[0] ?? null, inputShape[1] == null ? null : inputShape[1] * this.size, inputShape[2] ?? null];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: this.size };
  }
}
registerLayer(UpSampling1D);
