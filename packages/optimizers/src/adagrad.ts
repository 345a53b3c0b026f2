import { ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link Adagrad}. */
export interface AdagradOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Starting value of the accumulators. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad, as `keras.optimizers.Adagrad`: `accumulator += g²`, `w −= lr·g / sqrt(accumulator + ε)`.
 * Slots: `accumulator` per variable, starting at `initialAccumulatorValue`.
 *
 * @example
 * const opt = new Adagrad({ learningRate: 0.1 });
 */
export class Adagrad extends Optimizer {
  static override className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  private accumulatorSlots: (OptimizerVariable | null)[] = [];

  constructor(options: AdagradOptions = {}) {
    super(options, { defaultLearningRate: 0.001, ownKeys: ['initialAccumulatorValue', 'epsilon'] });
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    [this.accumulatorSlots] = this.addOptimizerVariables(vars, ['accumulator'], this.initialAccumulatorValue) as [(OptimizerVariable | null)[]];
  }

  protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor {
    const accumulator = this.accumulatorSlots[index]!;
    const acc = ops.add(accumulator.value, ops.square(g));
    this.assign(accumulator, acc);
    return ops.sub(value, ops.div(ops.mul(ctx.learningRate, g), ops.sqrt(ops.add(acc, ops.scalar(this.epsilon)))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
