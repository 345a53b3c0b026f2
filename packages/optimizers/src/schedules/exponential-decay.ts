import { ops, type Tensor } from '@strata/core';
import { LearningRateSchedule, checkPositive, stepAsFloat } from './learning-rate-schedule.js';

/** Options of {@link ExponentialDecay}. */
export interface ExponentialDecayOptions {
  initialLearningRate: number;
  /** Must be positive. */
  decaySteps: number;
  decayRate: number;
  /** Decay in whole intervals (`floor(step / decaySteps)`). Default false. */
  staircase?: boolean;
  /** Default `'ExponentialDecay'`. */
  name?: string;
}

/**
 * `initialLearningRate * decayRate ^ (step / decaySteps)`, as `keras.optimizers.schedules.ExponentialDecay`.
 *
 * @example
 * const lr = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
 * lr.call(10); // 0.05
 * new SGD({ learningRate: lr });
 */
export class ExponentialDecay extends LearningRateSchedule {
  static override className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(options: ExponentialDecayOptions) {
    super();
    this.initialLearningRate = options.initialLearningRate;
    this.decaySteps = options.decaySteps;
    this.decayRate = options.decayRate;
    this.staircase = options.staircase ?? false;
    this.name = options.name ?? 'ExponentialDecay';
    checkPositive('decay_steps', this.decaySteps);
  }

  protected compute(step: Tensor): Tensor {
    let p = ops.div(stepAsFloat(step), ops.scalar(this.decaySteps));
    if (this.staircase) p = ops.floor(p);
    return ops.mul(ops.scalar(this.initialLearningRate), ops.pow(ops.scalar(this.decayRate), p));
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
