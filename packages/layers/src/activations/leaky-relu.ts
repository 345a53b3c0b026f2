import { activations, ValueError, type Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `LeakyReLU`. */
export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for negative inputs (default 0.3); must be ≥ 0. */
  negativeSlope?: number;
  /** Keras 2's name for `negativeSlope`, honoured when loading old configs. */
  alpha?: number;
}

/**
 * Leaky rectified linear unit, as `keras.layers.LeakyReLU`: `x` for `x ≥ 0`, `negativeSlope · x` otherwise. Keras 2
 * configs that say `alpha` load with that slope.
 *
 * Arguments: `negativeSlope`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new LeakyReLU({ negativeSlope: 0.1 }).apply(ops.tensor([-10, 2])); // [-1, 2]
 */
export class LeakyReLU extends Layer {
  static override className = 'LeakyReLU';

  readonly negativeSlope: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    const slope = args.alpha !== undefined ? args.alpha : (args.negativeSlope ?? 0.3);
    if (typeof slope !== 'number' || !(slope >= 0)) {
      throw new ValueError(
        `The negativeSlope value of a Leaky ReLU layer cannot be null or negative value. Expected a float. Received: negativeSlope=${JSON.stringify(slope)}`,
      );
    }
    this.negativeSlope = slope;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    return activations.leakyRelu(inputs, this.negativeSlope);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), negativeSlope: this.negativeSlope };
  }
}
registerLayer(LeakyReLU);
