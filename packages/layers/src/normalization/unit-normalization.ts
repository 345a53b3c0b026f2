import { ops, ValueError, type Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { shapeToString, type Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `UnitNormalization`. */
export interface UnitNormalizationArgs extends LayerArgs {
  /** The axis or axes whose L2 norm becomes 1 (default -1). */
  axis?: number | number[];
}

/**
 * Scales each sample to unit L2 norm over `axis`, as `keras.layers.UnitNormalization`: `x / ||x||` (the inverse
 * norm capped at 1e12, so zeros stay zeros).
 *
 * Arguments: `axis`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new UnitNormalization().apply(ops.tensor([[3, 4]])); // [[0.6, 0.8]]
 */
export class UnitNormalization extends Layer {
  static override className = 'UnitNormalization';

  readonly axis: number | number[];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    const valid = Array.isArray(axis) ? axis.every((a) => Number.isInteger(a)) : Number.isInteger(axis);
    if (!valid) throw new TypeError(`Invalid value for "axis" argument: expected an int or a list of ints. Received: axis=${JSON.stringify(args.axis)}`);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const inv = ops.rsqrt(ops.sum(ops.square(x), this.axis, true));
    return ops.mul(x, ops.minimum(inv, ops.scalar(1e12)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    for (const axis of Array.isArray(this.axis) ? this.axis : [this.axis]) {
      if (axis >= inputShape.length || axis < -inputShape.length) {
        throw new ValueError(`Axis ${JSON.stringify(this.axis)} is out of bounds for input shape ${shapeToString(inputShape)}.`);
      }
    }
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
registerLayer(UnitNormalization);
