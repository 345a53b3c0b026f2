import { ops, ValueError, type Tensor } from '@strata/core';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `RepeatVector`. */
export interface RepeatVectorArgs extends LayerArgs {
  /** How many times to repeat (a positive integer). */
  n: number;
}

/**
 * Repeats each input vector `n` times, as `keras.layers.RepeatVector`.
 *
 * Arguments: `n`.
 *
 * Input shape: `[batch, features]`. Output shape: `[batch, n, features]`.
 *
 * @example
 * new RepeatVector({ n: 3 }).apply(ops.ones([2, 32])).shape; // [2, 3, 32]
 */
export class RepeatVector extends Layer {
  static override className = 'RepeatVector';

  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    const n = args?.n;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new ValueError(`Expected an integer value for "n". Received: n=${JSON.stringify(n)}`);
    if (n <= 0) throw new ValueError(`Argument "n" should be a positive integer. Received: n=${n}`);
    this.n = n;
    this.inputSpec = new InputSpec({ ndim: 2 });
  }

  override call(inputs: Tensor): Tensor {
    return ops.tile(ops.expandDims(inputs, 1), [1, this.n, 1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, this.n, inputShape[1] ?? null];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), n: this.n };
  }
}
registerLayer(RepeatVector);
