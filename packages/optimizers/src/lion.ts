import { ValueError, ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link Lion}. */
export interface LionOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Interpolation for the update direction, in (0, 1]. Default 0.9. */
  beta1?: number;
  /** Decay of the momentum. Default 0.99. */
  beta2?: number;
}

/**
 * Lion (evolved sign momentum), as `keras.optimizers.Lion`: `w −= lr · sign(β₁·m + (1 − β₁)·g)`, then
 * `m = β₂·m + (1 − β₂)·g`. Slots: `momentum` per variable.
 *
 * @example
 * const opt = new Lion({ learningRate: 1e-4, weightDecay: 0.1 });
 */
export class Lion extends Optimizer {
  static override className = 'Lion';
  readonly beta1: number;
  readonly beta2: number;
  private momentums: (OptimizerVariable | null)[] = [];

  constructor(options: LionOptions = {}) {
    super(options, { defaultLearningRate: 0.001, ownKeys: ['beta1', 'beta2'] });
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.99;
    if (this.beta1 <= 0 || this.beta1 > 1) {
      throw new ValueError(`Argument \`beta_1\` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1=${this.beta1}.`);
    }
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    [this.momentums] = this.addOptimizerVariables(vars, ['momentum']) as [(OptimizerVariable | null)[]];
  }

  protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor {
    const mSlot = this.momentums[index]!;
    // Keras casts the betas to float32 first, so 1 − β is a float32 subtraction.
    const beta1 = ops.scalar(this.beta1);
    const beta2 = ops.scalar(this.beta2);
    const direction = ops.sign(ops.add(ops.mul(mSlot.value, beta1), ops.mul(g, ops.sub(1, beta1))));
    this.assign(mSlot, ops.add(ops.mul(mSlot.value, beta2), ops.mul(g, ops.sub(1, beta2))));
    return ops.sub(value, ops.mul(ctx.learningRate, direction));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2 };
  }
}
