import { ops, random, SeedGenerator, ValueError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `GaussianNoise`. */
export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the noise, in [0, 1]. */
  stddev: number;
  /** Seed of the layer's `SeedGenerator` (default: drawn from the global seed). */
  seed?: number | null;
}

/**
 * Adds zero-centred Gaussian noise during training, as `keras.layers.GaussianNoise` (a regularizer, and a form of
 * data augmentation for real-valued inputs). Identity at inference.
 *
 * Arguments: `stddev`, `seed`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new GaussianNoise({ stddev: 0.1, seed: 1 }).apply(ops.zeros([2, 3]), { training: true }); // small random values
 */
export class GaussianNoise extends Layer {
  static override className = 'GaussianNoise';

  readonly stddev: number;
  readonly seed: number | null;
  /** The generator each training call draws from (absent when `stddev` is 0). */
  readonly seedGenerator: SeedGenerator | null;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    this._callTrainingDefault = false;
    const stddev = args?.stddev;
    if (typeof stddev !== 'number' || !(stddev >= 0 && stddev <= 1)) {
      throw new ValueError(`Invalid value received for argument "stddev". Expected a float value between 0 and 1. Received: stddev=${JSON.stringify(stddev)}`);
    }
    this.stddev = stddev;
    this.seed = args.seed ?? null;
    this.seedGenerator = stddev > 0 ? new SeedGenerator(this.seed ?? undefined) : null;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    if (kwargs.training && this.stddev > 0) {
      return ops.add(inputs, random.normal([...inputs.shape], { mean: 0, stddev: this.stddev, seed: this.seedGenerator }));
    }
    return inputs;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }
}
registerLayer(GaussianNoise);
