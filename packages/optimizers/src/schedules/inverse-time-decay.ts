import { ops, type Tensor } from '@strata/core';
import { LearningRateSchedule, checkPositive, stepAsFloat } from './learning-rate-schedule.js';

/** Options of {@link InverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  initialLearningRate: number;
  /** Must be positive. */
  decaySteps: number;
  decayRate: number;
  /** Decay in whole intervals (`floor(step / decaySteps)`). Default false. */
  staircase?: boolean;
  /** Default `'InverseTimeDecay'`. */
  name?: string;
}

/**
 * `initialLearningRate / (1 + decayRate * step / decaySteps)`, as `keras.optimizers.schedules.InverseTimeDecay`.
 *
 * @example
 * new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }).call(20); // 0.05
 */
export class InverseTimeDecay extends LearningRateSchedule {
  static override className = 'InverseTimeDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(options: InverseTimeDecayOptions) {
    super();
    this.initialLearningRate = options.initialLearningRate;
    this.decaySteps = options.decaySteps;
    this.decayRate = options.decayRate;
    this.staircase = options.staircase ?? false;
    this.name = options.name ?? 'InverseTimeDecay';
    checkPositive('decay_steps', this.decaySteps);
  }

  protected compute(step: Tensor): Tensor {
    let p = ops.div(stepAsFloat(step), ops.scalar(this.decaySteps));
    if (this.staircase) p = ops.floor(p);
    const denom = ops.add(ops.scalar(1), ops.mul(ops.scalar(this.decayRate), p));
    return ops.div(ops.scalar(this.initialLearningRate), denom);
  }

  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }
}
