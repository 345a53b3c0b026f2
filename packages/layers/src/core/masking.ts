import { ops, ValueError, type Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Masking`. */
export interface MaskingArgs extends LayerArgs {
  /** Time steps whose features all equal it are masked (default 0). */
  maskValue?: number;
}

/**
 * Masks time steps whose features all equal `maskValue`, as `keras.layers.Masking`: those steps are set to 0 and
 * the output carries a mask (`[batch, steps]`, true where a step is kept) that layers supporting masks (RNNs,
 * merges, `Dense`…) receive.
 *
 * Arguments: `maskValue`.
 *
 * Input shape: `[batch, steps, …features]`. Output shape: the input shape.
 *
 * @example
 * const y = new Masking().apply(ops.tensor([[[1, 2], [0, 0]]]));
 * getKerasMask(y); // [[true, false]]
 */
export class Masking extends Layer {
  static override className = 'Masking';

  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    const maskValue = args.maskValue ?? 0;
    if (typeof maskValue !== 'number') throw new ValueError(`Argument "maskValue" of Masking must be a number. Received: maskValue=${JSON.stringify(args.maskValue)}`);
    this.maskValue = maskValue;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    const keep = ops.any(ops.notEqual(inputs, ops.scalar(this.maskValue, inputs.dtype)), -1, true);
    return ops.where(keep, inputs, ops.zerosLike(inputs));
  }

  /** True at the steps with at least one feature different from `maskValue`. */
  override computeMask(inputs: Tensor): Tensor {
    return ops.any(ops.notEqual(inputs, ops.scalar(this.maskValue, inputs.dtype)), -1);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}
registerLayer(Masking);
