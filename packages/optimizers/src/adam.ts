import { ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link Adam}. */
export interface AdamOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Default 1e-7 ("epsilon hat" of the paper). */
  epsilon?: number;
  /** Use the running maximum of the second moment (AMSGrad). Default false. */
  amsgrad?: boolean;
}

/**
 * Adam, as `keras.optimizers.Adam`: `m += (g − m)(1 − β₁)`, `v += (g² − v)(1 − β₂)`,
 * `w −= m · lr·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) / (sqrt(v) + ε)` (AMSGrad: `v̂ = max(v̂, v)` in place of `v`).
 * Slots: `momentum` and `velocity` interleaved per variable, then `velocity_hat` (amsgrad).
 *
 * @example
 * model.compile({ optimizer: new Adam({ learningRate: 3e-4 }), loss: 'categorical_crossentropy' });
 */
export class Adam extends Optimizer {
  static override className = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  private momentums: (OptimizerVariable | null)[] = [];
  private velocities: (OptimizerVariable | null)[] = [];
  private velocityHats: (OptimizerVariable | null)[] = [];
  private alpha: Tensor | null = null;

  constructor(options: AdamOptions = {}) {
    super(options, { defaultLearningRate: 0.001, ownKeys: ['beta1', 'beta2', 'epsilon', 'amsgrad'] });
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.amsgrad = options.amsgrad ?? false;
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    [this.momentums, this.velocities] = this.addOptimizerVariables(vars, ['momentum', 'velocity']) as [
      (OptimizerVariable | null)[],
      (OptimizerVariable | null)[],
    ];
    if (this.amsgrad) [this.velocityHats] = this.addOptimizerVariables(vars, ['velocity_hat']) as [(OptimizerVariable | null)[]];
  }

  protected override prepareStep(ctx: StepContext): void {
    const beta1Power = ops.pow(ops.scalar(this.beta1), ctx.localStep);
    const beta2Power = ops.pow(ops.scalar(this.beta2), ctx.localStep);
    this.alpha = ops.div(ops.mul(ctx.learningRate, ops.sqrt(ops.sub(1, beta2Power))), ops.sub(1, beta1Power));
  }

  protected updateStep(g: Tensor, value: Tensor, index: number): Tensor {
    const mSlot = this.momentums[index]!;
    const vSlot = this.velocities[index]!;
    const m = ops.add(mSlot.value, ops.mul(ops.sub(g, mSlot.value), ops.scalar(1 - this.beta1)));
    let v = ops.add(vSlot.value, ops.mul(ops.sub(ops.square(g), vSlot.value), ops.scalar(1 - this.beta2)));
    this.assign(mSlot, m);
    this.assign(vSlot, v);
    if (this.amsgrad) {
      const hatSlot = this.velocityHats[index]!;
      v = ops.maximum(hatSlot.value, v);
      this.assign(hatSlot, v);
    }
    return ops.sub(value, ops.div(ops.mul(m, this.alpha!), ops.add(ops.sqrt(v), ops.scalar(this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
