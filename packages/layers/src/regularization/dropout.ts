import { random, SeedGenerator, ValueError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Dropout`. */
export interface DropoutArgs extends LayerArgs {
  /** Fraction of the input units to drop, in [0, 1]. */
  rate: number;
  /** Shape of the binary mask, broadcast over the input (null entries take the input's size). */
  noiseShape?: ReadonlyArray<number | null> | null;
  /** Seed of the layer's `SeedGenerator` (default: drawn from the global seed, see `setRandomSeed`). */
  seed?: number | null;
}

/**
 * Randomly sets input units to 0 with frequency `rate` during training and scales the others by
 * `1 / (1 - rate)`, as `keras.layers.Dropout`. At inference (`training` false or unset) it is the identity.
 *
 * Arguments: `rate`, `noiseShape`, `seed`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * const drop = new Dropout({ rate: 0.5, seed: 1 });
 * drop.apply(ops.ones([2, 4]), { training: true }); // zeros and 2s
 * drop.apply(ops.ones([2, 4]));                     // ones
 */
export class Dropout extends Layer {
  static override className = 'Dropout';

  readonly rate: number;
  readonly noiseShape: Array<number | null> | null;
  readonly seed: number | null;
  /** The generator each training call draws its mask from (absent when `rate` is 0). */
  readonly seedGenerator: SeedGenerator | null;

  constructor(args: DropoutArgs) {
    super(args);
    this._callTrainingDefault = false;
    const rate = args?.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw new ValueError(`Invalid value received for argument "rate". Expected a float value between 0 and 1. Received: rate=${JSON.stringify(rate)}`);
    }
    this.rate = rate;
    this.seed = args.seed ?? null;
    this.noiseShape = validateNoiseShape(args.noiseShape ?? null);
    this.seedGenerator = rate > 0 ? new SeedGenerator(this.seed ?? drawSeed()) : null;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    if (kwargs.training && this.rate > 0) {
      const noiseShape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? inputs.shape[i]!) : undefined;
      return random.dropout(inputs, this.rate, { noiseShape, seed: this.seedGenerator });
    }
    return inputs;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, noiseShape: this.noiseShape };
  }
}
registerLayer(Dropout);

/** A seed from the global generator, so `setRandomSeed` makes unseeded layers repeat. */
function drawSeed(): number {
  return Math.floor(random.drawStream(null).next() * 2 ** 31);
}

function validateNoiseShape(noiseShape: ReadonlyArray<number | null> | null): Array<number | null> | null {
  if (noiseShape === null) return null;
  if (!Array.isArray(noiseShape)) {
    throw new ValueError(`Invalid value received for argument "noiseShape". Expected an array of integers. Received: noiseShape=${JSON.stringify(noiseShape)}`);
  }
  return noiseShape.map((d, i) => {
    if (d === null) return null;
    if (!Number.isInteger(d)) {
      throw new ValueError(`Invalid value received for argument "noiseShape". Expected all elements to be integers or null. Received element at index ${i}: ${JSON.stringify(d)}`);
    }
    if (d <= 0) {
      throw new ValueError(`Invalid value received for argument "noiseShape". Expected all dimensions to be positive integers or null. Received negative or zero value at index ${i}: ${d}`);
    }
    return d;
  });
}
