import { ops, ValueError, type Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `ThresholdedReLU`. */
export interface ThresholdedReLUArgs extends LayerArgs {
  /** The threshold (default 1); must be ≥ 0. */
  theta?: number;
}

/**
 * Thresholded rectified linear unit, as Keras 2's `ThresholdedReLU`: `x` for `x > theta`, 0 otherwise. Keras 3
 * removed it from its API (`ReLU({ threshold })` is the replacement, which subtracts nothing either); it is kept so
 * Keras 2 files that use it load.
 *
 * Arguments: `theta`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new ThresholdedReLU({ theta: 1 }).apply(ops.tensor([0.5, 1, 2])); // [0, 0, 2]
 */
export class ThresholdedReLU extends Layer {
  static override className = 'ThresholdedReLU';

  readonly theta: number;

  constructor(args: ThresholdedReLUArgs = {}) {
    super(args);
    const theta = args.theta === undefined ? 1.0 : args.theta;
    if (theta == null) throw new ValueError('Theta of a Thresholded ReLU layer cannot be null, expected a float. Received: theta=null');
    if (typeof theta !== 'number' || !(theta >= 0)) {
      throw new ValueError(`The theta value of a Thresholded ReLU layer should be >= 0. Received: theta=${JSON.stringify(theta)}`);
    }
    this.theta = theta;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    return ops.mul(x, ops.cast(ops.greater(x, ops.scalar(this.theta, x.dtype)), x.dtype));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), theta: this.theta };
  }
}
registerLayer(ThresholdedReLU);
