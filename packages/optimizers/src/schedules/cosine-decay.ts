import { ops, type Tensor } from '@strata/core';
import { LearningRateSchedule, checkPositive, stepAsFloat } from './learning-rate-schedule.js';

/** Options of {@link CosineDecay}. */
export interface CosineDecayOptions {
  /** The rate at step 0 (the start of the warmup when there is one). */
  initialLearningRate: number;
  /** Steps of cosine decay (after the warmup). Must be positive. */
  decaySteps: number;
  /** The floor, as a fraction of the decayed-from rate. Default 0. */
  alpha?: number;
  /** Default `'CosineDecay'`. */
  name?: string;
  /** With a warmup: the rate reached linearly after `warmupSteps`, then decayed. Default null (no warmup). */
  warmupTarget?: number | null;
  /** Default 0. */
  warmupSteps?: number;
}

/**
 * Cosine decay with an optional linear warmup, as `keras.optimizers.schedules.CosineDecay`:
 * `rate · ((1 − alpha) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + alpha)`. With `warmupTarget`, the
 * rate first goes linearly from `initialLearningRate` to `warmupTarget` over `warmupSteps`, then decays from there.
 *
 * @example
 * new CosineDecay({ initialLearningRate: 0.1, decaySteps: 100 }).call(50); // 0.05
 * new CosineDecay({ initialLearningRate: 0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 10 }).call(5); // 0.05
 */
export class CosineDecay extends LearningRateSchedule {
  static override className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly name: string;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(options: CosineDecayOptions) {
    super();
    this.initialLearningRate = options.initialLearningRate;
    this.decaySteps = options.decaySteps;
    this.alpha = options.alpha ?? 0.0;
    this.name = options.name ?? 'CosineDecay';
    this.warmupTarget = options.warmupTarget ?? null;
    this.warmupSteps = options.warmupSteps ?? 0;
    checkPositive('decay_steps', this.decaySteps);
  }

  private decay(step: Tensor, decaySteps: Tensor, from: Tensor): Tensor {
    const fraction = ops.div(step, decaySteps);
    const cosineDecayed = ops.mul(ops.scalar(0.5), ops.add(ops.scalar(1), ops.cos(ops.mul(ops.scalar(Math.PI), fraction))));
    const decayed = ops.add(ops.mul(ops.scalar(1 - this.alpha), cosineDecayed), ops.scalar(this.alpha));
    return ops.mul(from, decayed);
  }

  protected compute(step: Tensor): Tensor {
    const initial = ops.scalar(this.initialLearningRate);
    const decaySteps = ops.scalar(this.decaySteps);
    const s = stepAsFloat(step);
    if (this.warmupTarget === null) return this.decay(ops.minimum(s, decaySteps), decaySteps, initial);
    const target = ops.scalar(this.warmupTarget);
    const warmupSteps = ops.scalar(this.warmupSteps);
    const clamped = ops.minimum(s, ops.add(decaySteps, warmupSteps));
    const warmup = ops.add(ops.mul(ops.sub(target, initial), ops.div(clamped, warmupSteps)), initial);
    const decayed = this.decay(ops.sub(clamped, warmupSteps), decaySteps, target);
    return ops.where(ops.less(clamped, warmupSteps), warmup, decayed);
  }

  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      alpha: this.alpha,
      name: this.name,
      warmupTarget: this.warmupTarget,
      warmupSteps: this.warmupSteps,
    };
  }
}
