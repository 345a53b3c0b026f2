import { activations, ValueError, type Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `ELU`. */
export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part (default 1). */
  alpha?: number;
}

/**
 * Exponential linear unit, as `keras.layers.ELU`: `x` for `x > 0`, `alpha · (exp(x) − 1)` otherwise.
 *
 * Arguments: `alpha`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new ELU({ alpha: 0.5 }).apply(ops.tensor([-1, 2])); // [-0.316, 2]
 */
export class ELU extends Layer {
  static override className = 'ELU';

  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    const alpha = args.alpha ?? 1.0;
    if (typeof alpha !== 'number' || Number.isNaN(alpha)) throw new ValueError(`Argument "alpha" of ELU must be a number. Received: alpha=${JSON.stringify(args.alpha)}`);
    this.alpha = alpha;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    return activations.elu(inputs, this.alpha);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
registerLayer(ELU);
