import { ops, type Tensor } from '@strata/core';
import { LearningRateSchedule, checkPositive, stepAsFloat } from './learning-rate-schedule.js';

/** Options of {@link PolynomialDecay}. */
export interface PolynomialDecayOptions {
  initialLearningRate: number;
  /** Must be positive. */
  decaySteps: number;
  /** Default 0.0001. */
  endLearningRate?: number;
  /** Default 1. */
  power?: number;
  /** Restart the decay after `decaySteps`, stretching each cycle to the next multiple. Default false. */
  cycle?: boolean;
  /** Default `'PolynomialDecay'`. */
  name?: string;
}

/**
 * `(initial − end) · (1 − min(step, decaySteps) / decaySteps) ^ power + end`, as
 * `keras.optimizers.schedules.PolynomialDecay` (with `cycle`, `decaySteps` grows to the first multiple above `step`).
 *
 * @example
 * new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0 }).call(50); // 0.05
 */
export class PolynomialDecay extends LearningRateSchedule {
  static override className = 'PolynomialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;
  readonly name: string;

  constructor(options: PolynomialDecayOptions) {
    super();
    this.initialLearningRate = options.initialLearningRate;
    this.decaySteps = options.decaySteps;
    this.endLearningRate = options.endLearningRate ?? 0.0001;
    this.power = options.power ?? 1.0;
    this.cycle = options.cycle ?? false;
    this.name = options.name ?? 'PolynomialDecay';
    checkPositive('decay_steps', this.decaySteps);
  }

  protected compute(step: Tensor): Tensor {
    const initial = ops.scalar(this.initialLearningRate);
    const end = ops.scalar(this.endLearningRate);
    let s = stepAsFloat(step);
    let decaySteps = ops.scalar(this.decaySteps);
    if (this.cycle) {
      // The first multiple of decaySteps above the step; 1 at step 0.
      const multiplier = ops.where(ops.equal(s, 0), ops.scalar(1), ops.ceil(ops.div(s, decaySteps)));
      decaySteps = ops.mul(decaySteps, multiplier);
    } else {
      s = ops.minimum(s, decaySteps);
    }
    const p = ops.div(s, decaySteps);
    return ops.add(ops.mul(ops.sub(initial, end), ops.pow(ops.sub(1, p), ops.scalar(this.power))), end);
  }

  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      endLearningRate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
      name: this.name,
    };
  }
}
