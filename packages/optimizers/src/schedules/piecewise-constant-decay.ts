import { ValueError, ops, type Tensor } from '@strata/core';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options of {@link PiecewiseConstantDecay}. */
export interface PiecewiseConstantDecayOptions {
  /** Increasing step boundaries; one fewer than `values`. */
  boundaries: number[];
  /** The rate up to and including `boundaries[0]`, between each pair, and after the last. */
  values: number[];
  /** Default `'PiecewiseConstant'`. */
  name?: string;
}

/**
 * A piecewise constant rate, as `keras.optimizers.schedules.PiecewiseConstantDecay`: `values[0]` while
 * `step <= boundaries[0]`, `values[i]` while `boundaries[i-1] < step <= boundaries[i]`, the last value after. As in
 * Keras, the boundaries take the step's dtype (an integer step truncates fractional boundaries).
 *
 * @example
 * const lr = new PiecewiseConstantDecay({ boundaries: [100, 200], values: [1.0, 0.5, 0.1] });
 * lr.call(100); // 1.0
 * lr.call(101); // 0.5
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static override className = 'PiecewiseConstantDecay';
  readonly boundaries: number[];
  readonly values: number[];
  readonly name: string;

  constructor(options: PiecewiseConstantDecayOptions) {
    super();
    const { boundaries, values } = options;
    if (!Array.isArray(boundaries) || !Array.isArray(values) || boundaries.length !== values.length - 1) {
      throw new ValueError(
        'The length of boundaries should be 1 less than the length of values. ' +
          `Received: boundaries=${JSON.stringify(boundaries)} of length ${boundaries?.length}, ` +
          `and values=${JSON.stringify(values)} of length ${values?.length}.`,
      );
    }
    this.boundaries = [...boundaries];
    this.values = [...values];
    this.name = options.name ?? 'PiecewiseConstant';
  }

  protected compute(step: Tensor): Tensor {
    const b = this.boundaries.map((x) => ops.scalar(x, step.dtype));
    const v = this.values.map((x) => ops.scalar(x));
    const asFloat = (cond: Tensor) => ops.cast(cond, 'float32');
    if (b.length === 0) return v[0]!;
    let result = ops.mul(asFloat(ops.lessEqual(step, b[0]!)), v[0]!);
    result = ops.add(result, ops.mul(asFloat(ops.greater(step, b[b.length - 1]!)), v[v.length - 1]!));
    for (let i = 0; i + 1 < b.length; i++) {
      const inRange = ops.logicalAnd(ops.greater(step, b[i]!), ops.lessEqual(step, b[i + 1]!));
      result = ops.add(result, ops.mul(asFloat(inRange), v[i + 1]!));
    }
    return result;
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }
}
