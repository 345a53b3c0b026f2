import { ValueError, ops, tidy, type Tensor } from '@strata/core';

/**
 * The base class of learning-rate schedules, as `keras.optimizers.schedules.LearningRateSchedule`: `call(step)` gives
 * the rate at a step. An optimizer given a schedule calls it with its iteration counter (a scalar tensor, so nothing
 * is read back during training); you can also call it with a number and get a number. Subclasses implement
 * `compute` with `@strata/core` ops in float32, as Keras computes, and `getConfig`.
 *
 * @example
 * class Halving extends LearningRateSchedule {
 *   static override className = 'Halving';
 *   protected compute(step: Tensor) { return ops.mul(0.1, ops.pow(0.5, ops.floor(ops.div(step, 10)))); }
 *   getConfig() { return {}; }
 * }
 * new Halving().call(25); // 0.025
 */
export abstract class LearningRateSchedule {
  static className = 'LearningRateSchedule';

  /** The rate at `step`: a number for a number, a new float32 scalar tensor (yours to dispose) for a tensor. */
  call(step: number): number;
  call(step: Tensor): Tensor;
  call(step: number | Tensor): number | Tensor {
    if (typeof step === 'number') {
      const out = tidy(() => this.compute(stepTensor(step)));
      const value = out.dataSync()[0]!;
      out.dispose();
      return value;
    }
    return tidy(() => ops.cast(this.compute(step), 'float32'));
  }

  /**
   * The rate at `step`, a scalar tensor of the step's dtype (int32 for an integer step, float32 otherwise),
   * computed with ops only. Called inside `tidy`.
   */
  protected abstract compute(step: Tensor): Tensor;

  /** The camelCase config (Keras' `get_config` keys). */
  abstract getConfig(): Record<string, unknown>;

  /** Rebuilds a schedule from `getConfig()`'s output. */
  static fromConfig<T extends LearningRateSchedule>(this: new (config: any) => T, config: Record<string, unknown>): T {
    return new this(config);
  }
}

/** A step number as Keras would convert it: int32 when it is an integer, float32 otherwise. */
function stepTensor(step: number): Tensor {
  return Number.isInteger(step) ? ops.scalar(step, 'int32') : ops.scalar(step, 'float32');
}

/** The step as float32, as Keras' `ops.cast(step, dtype)`. */
export function stepAsFloat(step: Tensor): Tensor {
  return step.dtype === 'float32' ? step : ops.cast(step, 'float32');
}

/** Throws Keras' error when a step count is not positive. */
export function checkPositive(argument: string, value: number): void {
  if (!(value > 0)) throw new ValueError(`Argument \`${argument}\` must be > 0. Received: ${argument}=${value}`);
}
