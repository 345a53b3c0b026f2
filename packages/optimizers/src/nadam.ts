import { ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link Nadam}. */
export interface NadamOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Nadam (Adam with Nesterov momentum and the 0.96 momentum schedule), as `keras.optimizers.Nadam`. Each step first
 * updates the momentum cache `u_product *= β₁(1 − ½·0.96^(t))`, then per variable
 * `m̂ = u_{t+1}·m/(1 − u_product·u_{t+1}) + (1 − u_t)·g/(1 − u_product)`, `v̂ = v/(1 − β₂ᵗ)`,
 * `w −= lr·m̂/(sqrt(v̂) + ε)`. Slots: `momentum` and `velocity` interleaved per variable, then the momentum cache
 * (Keras' unnamed `variable`, starting at 1).
 *
 * @example
 * const opt = new Nadam({ learningRate: 2e-3 });
 */
export class Nadam extends Optimizer {
  static override className = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentums: (OptimizerVariable | null)[] = [];
  private velocities: (OptimizerVariable | null)[] = [];
  private uProduct: OptimizerVariable | null = null;
  private step: { uT: Tensor; uT1: Tensor; uProductT: Tensor; uProductT1: Tensor; beta2Power: Tensor } | null = null;

  constructor(options: NadamOptions = {}) {
    super(options, { defaultLearningRate: 0.001, ownKeys: ['beta1', 'beta2', 'epsilon'] });
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    [this.momentums, this.velocities] = this.addOptimizerVariables(vars, ['momentum', 'velocity']) as [
      (OptimizerVariable | null)[],
      (OptimizerVariable | null)[],
    ];
    this.uProduct = this.addVariable({ name: 'variable', shape: [], dtype: vars[0]?.variable.dtype ?? 'float32', initialValue: 1 });
  }

  protected override prepareStep(ctx: StepContext): void {
    const beta1 = ops.scalar(this.beta1);
    const decay = ops.scalar(0.96);
    const nextStep = ops.add(ctx.localStep, ops.scalar(1));
    const uProduct = ops.mul(ops.mul(this.uProduct!.value, beta1), ops.sub(1, ops.mul(0.5, ops.pow(decay, ctx.localStep))));
    this.assign(this.uProduct!, uProduct);
    const uT = ops.mul(beta1, ops.sub(1, ops.mul(0.5, ops.pow(decay, ctx.localStep))));
    const uT1 = ops.mul(beta1, ops.sub(1, ops.mul(0.5, ops.pow(decay, nextStep))));
    this.step = { uT, uT1, uProductT: uProduct, uProductT1: ops.mul(uProduct, uT1), beta2Power: ops.pow(ops.scalar(this.beta2), ctx.localStep) };
  }

  protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor {
    const { uT, uT1, uProductT, uProductT1, beta2Power } = this.step!;
    const mSlot = this.momentums[index]!;
    const vSlot = this.velocities[index]!;
    // Keras casts the betas to float32 first here, so 1 − β is a float32 subtraction.
    const oneMinusBeta1 = ops.sub(1, ops.scalar(this.beta1));
    const oneMinusBeta2 = ops.sub(1, ops.scalar(this.beta2));
    const m = ops.add(mSlot.value, ops.mul(ops.sub(g, mSlot.value), oneMinusBeta1));
    const v = ops.add(vSlot.value, ops.mul(ops.sub(ops.square(g), vSlot.value), oneMinusBeta2));
    this.assign(mSlot, m);
    this.assign(vSlot, v);
    const mHat = ops.add(ops.div(ops.mul(uT1, m), ops.sub(1, uProductT1)), ops.div(ops.mul(ops.sub(1, uT), g), ops.sub(1, uProductT)));
    const vHat = ops.div(v, ops.sub(1, beta2Power));
    return ops.sub(value, ops.div(ops.mul(mHat, ctx.learningRate), ops.add(ops.sqrt(vHat), ops.scalar(this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
