import { ops, random, SeedGenerator, ValueError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `GaussianDropout`. */
export interface GaussianDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1]: the noise has stddev `sqrt(rate / (1 − rate))`. */
  rate: number;
  /** Seed of the layer's `SeedGenerator` (default: drawn from the global seed). */
  seed?: number | null;
}

/**
 * Multiplies the input by 1-centred Gaussian noise during training, as `keras.layers.GaussianDropout`. Identity at
 * inference.
 *
 * Arguments: `rate`, `seed`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new GaussianDropout({ rate: 0.2, seed: 1 }).apply(ops.ones([2, 3]), { training: true }); // values around 1
 */
export class GaussianDropout extends Layer {
  static override className = 'GaussianDropout';

  readonly rate: number;
  readonly seed: number | null;
  /** The generator each training call draws from (absent when `rate` is 0). */
  readonly seedGenerator: SeedGenerator | null;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    this._callTrainingDefault = false;
    const rate = args?.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw new ValueError(`Invalid value received for argument "rate". Expected a float value between 0 and 1. Received: rate=${JSON.stringify(rate)}`);
    }
    this.rate = rate;
    this.seed = args.seed ?? null;
    this.seedGenerator = rate > 0 ? new SeedGenerator(this.seed ?? undefined) : null;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    if (kwargs.training && this.rate > 0) {
      const stddev = Math.sqrt(this.rate / (1 - this.rate));
      return ops.mul(inputs, random.normal([...inputs.shape], { mean: 1, stddev, seed: this.seedGenerator }));
    }
    return inputs;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
registerLayer(GaussianDropout);
