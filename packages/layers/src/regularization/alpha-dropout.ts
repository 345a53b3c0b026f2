import { ops, random, SeedGenerator, ValueError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `AlphaDropout`. */
export interface AlphaDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1]. */
  rate: number;
  /** Shape of the keep mask, broadcast over the input (null entries take the input's size). */
  noiseShape?: ReadonlyArray<number | null> | null;
  /** Seed of the layer's `SeedGenerator` (default: drawn from the global seed). */
  seed?: number | null;
}

/** SELU's constants: dropped units are set to its negative saturation `−alpha · scale`. */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * Dropout that keeps the mean and variance of its inputs, as `keras.layers.AlphaDropout`, for self-normalizing
 * (SELU) networks: dropped units take SELU's negative saturation value, then an affine correction restores the
 * statistics. Identity at inference.
 *
 * Arguments: `rate`, `noiseShape`, `seed`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new AlphaDropout({ rate: 0.1, seed: 1 }).apply(ops.zeros([2, 3]), { training: true });
 */
export class AlphaDropout extends Layer {
  static override className = 'AlphaDropout';

  readonly rate: number;
  readonly noiseShape: Array<number | null> | null;
  readonly seed: number | null;
  /** The generator each training call draws from (absent when `rate` is 0). */
  readonly seedGenerator: SeedGenerator | null;

  constructor(args: AlphaDropoutArgs) {
    super(args);
    this._callTrainingDefault = false;
    const rate = args?.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw new ValueError(`Invalid value received for argument "rate". Expected a float value between 0 and 1. Received: rate=${JSON.stringify(rate)}`);
    }
    const noiseShape = args.noiseShape ?? null;
    if (noiseShape !== null && (!Array.isArray(noiseShape) || !noiseShape.every((d) => d === null || (Number.isInteger(d) && d > 0)))) {
      throw new ValueError(`Invalid value received for argument "noiseShape". Expected a list of positive integers or nulls. Received: noiseShape=${JSON.stringify(noiseShape)}`);
    }
    this.rate = rate;
    this.noiseShape = noiseShape ? [...noiseShape] : null;
    this.seed = args.seed ?? null;
    this.seedGenerator = rate > 0 ? new SeedGenerator(this.seed ?? undefined) : null;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    if (!(kwargs.training && this.rate > 0)) return inputs;
    const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? inputs.shape[i]!) : [...inputs.shape];
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const kept = ops.cast(ops.greaterEqual(random.uniform(shape, { seed: this.seedGenerator }), ops.scalar(this.rate)), inputs.dtype);
    const a = ((1 - this.rate) * (1 + this.rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * this.rate;
    const x = ops.add(ops.mul(inputs, kept), ops.mul(ops.sub(ops.scalar(1), kept), ops.scalar(alphaP)));
    return ops.add(ops.mul(x, ops.scalar(a)), ops.scalar(b));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, noiseShape: this.noiseShape };
  }
}
registerLayer(AlphaDropout);
