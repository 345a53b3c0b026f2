import { activations, ValueError, type Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `ReLU`. */
export interface ReLUArgs extends LayerArgs {
  /** Largest output value (default: none, unbounded); must be ≥ 0. */
  maxValue?: number | null;
  /** Slope below the threshold (default 0); must be ≥ 0. */
  negativeSlope?: number;
  /** Inputs at or below it are "negative" (default 0); must be ≥ 0. */
  threshold?: number;
}

/**
 * Rectified linear unit, as `keras.layers.ReLU`: `f(x) = maxValue` for `x ≥ maxValue`, `x` for
 * `threshold < x < maxValue`, and `negativeSlope · (x − threshold)` otherwise.
 *
 * Arguments: `maxValue`, `negativeSlope`, `threshold`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new ReLU({ maxValue: 6 }).apply(ops.tensor([-3, 2, 9])); // [0, 2, 6]
 */
export class ReLU extends Layer {
  static override className = 'ReLU';

  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    const { maxValue = null, negativeSlope = 0, threshold = 0 } = args;
    if (maxValue != null && !(maxValue >= 0)) {
      throw new ValueError(`maxValue of a ReLU layer cannot be a negative value. Received: maxValue=${maxValue}`);
    }
    if (typeof negativeSlope !== 'number' || !(negativeSlope >= 0)) {
      throw new ValueError(`negativeSlope of a ReLU layer cannot be null or a negative value. Received: negativeSlope=${JSON.stringify(negativeSlope)}`);
    }
    if (typeof threshold !== 'number' || !(threshold >= 0)) {
      throw new ValueError(`threshold of a ReLU layer cannot be null or a negative value. Received: threshold=${JSON.stringify(threshold)}`);
    }
    this.maxValue = maxValue;
    this.negativeSlope = negativeSlope;
    this.threshold = threshold;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    return activations.relu(inputs, { negativeSlope: this.negativeSlope, maxValue: this.maxValue, threshold: this.threshold });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold };
  }
}
registerLayer(ReLU);
