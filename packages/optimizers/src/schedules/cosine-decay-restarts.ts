import { ops, type Tensor } from '@strata/core';
import { LearningRateSchedule, checkPositive, stepAsFloat } from './learning-rate-schedule.js';

/** Options of {@link CosineDecayRestarts}. */
export interface CosineDecayRestartsOptions {
  initialLearningRate: number;
  /** Length of the first period. Must be positive. */
  firstDecaySteps: number;
  /** Each period is `tMul` times longer than the previous. Default 2. */
  tMul?: number;
  /** Each restart starts at `mMul` times the previous peak. Default 1. */
  mMul?: number;
  /** The floor, as a fraction of the peak. Default 0. */
  alpha?: number;
  /** Default `'SGDRDecay'`. */
  name?: string;
}

/**
 * Cosine decay with warm restarts (SGDR), as `keras.optimizers.schedules.CosineDecayRestarts`.
 *
 * @example
 * const lr = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10 });
 * lr.call(10); // 0.1 again: the second period (20 steps) begins
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  static override className = 'CosineDecayRestarts';
  readonly initialLearningRate: number;
  readonly firstDecaySteps: number;
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;
  readonly name: string;

  constructor(options: CosineDecayRestartsOptions) {
    super();
    this.initialLearningRate = options.initialLearningRate;
    this.firstDecaySteps = options.firstDecaySteps;
    this.tMul = options.tMul ?? 2.0;
    this.mMul = options.mMul ?? 1.0;
    this.alpha = options.alpha ?? 0.0;
    this.name = options.name ?? 'SGDRDecay';
    checkPositive('first_decay_steps', this.firstDecaySteps);
  }

  protected compute(step: Tensor): Tensor {
    const alpha = ops.scalar(this.alpha);
    const tMul = ops.scalar(this.tMul);
    let fraction = ops.div(stepAsFloat(step), ops.scalar(this.firstDecaySteps));
    let iRestart: Tensor;
    if (Math.fround(this.tMul) === 1) {
      iRestart = ops.floor(fraction);
      fraction = ops.sub(fraction, iRestart);
    } else {
      // Periods grow geometrically: find the restart index from the sum of the series.
      const oneMinusT = ops.sub(ops.scalar(1), tMul);
      iRestart = ops.floor(ops.div(ops.log(ops.sub(ops.scalar(1), ops.mul(fraction, oneMinusT))), ops.log(tMul)));
      const sumR = ops.div(ops.sub(ops.scalar(1), ops.pow(tMul, iRestart)), oneMinusT);
      fraction = ops.div(ops.sub(fraction, sumR), ops.pow(tMul, iRestart));
    }
    const mFac = ops.pow(ops.scalar(this.mMul), iRestart);
    const cosine = ops.add(ops.scalar(1), ops.cos(ops.mul(ops.scalar(Math.PI), fraction)));
    const cosineDecayed = ops.mul(ops.mul(ops.scalar(0.5), mFac), cosine);
    const decayed = ops.add(ops.mul(ops.sub(ops.scalar(1), alpha), cosineDecayed), alpha);
    return ops.mul(ops.scalar(this.initialLearningRate), decayed);
  }

  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate,
      firstDecaySteps: this.firstDecaySteps,
      tMul: this.tMul,
      mMul: this.mMul,
      alpha: this.alpha,
      name: this.name,
    };
  }
}
