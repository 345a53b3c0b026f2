import { activations, type Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Activation`. */
export interface ActivationArgs extends LayerArgs {
  /** Activation name (`'relu'`, `'softmax'`…) or function. */
  activation: string | activations.Activation | null;
}

/**
 * Applies an activation function to its input, as `keras.layers.Activation`.
 *
 * Arguments: `activation`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new Activation({ activation: 'relu' }).apply(ops.tensor([[-1, 2]])); // [[0, 2]]
 */
export class Activation extends Layer {
  static override className = 'Activation';

  readonly activation: activations.Activation;

  constructor(args: ActivationArgs) {
    super(args);
    this.supportsMasking = true;
    this.activation = activations.get(args.activation);
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    return this.activation(inputs);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: activations.serialize(this.activation) };
  }
}
registerLayer(Activation);
