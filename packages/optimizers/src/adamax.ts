import { ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link Adamax}. */
export interface AdamaxOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.9. */
  beta1?: number;
  /** Decay of the infinity norm. Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adamax (Adam with the infinity norm), as `keras.optimizers.Adamax`: `m += (g − m)(1 − β₁)`,
 * `u = max(β₂·u, |g|)`, `w −= lr·m / ((1 − β₁ᵗ)(u + ε))`. Slots: `momentum` and `norm` interleaved per variable.
 *
 * @example
 * const opt = new Adamax({ learningRate: 0.002 });
 */
export class Adamax extends Optimizer {
  static override className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentums: (OptimizerVariable | null)[] = [];
  private norms: (OptimizerVariable | null)[] = [];
  private correction: Tensor | null = null;

  constructor(options: AdamaxOptions = {}) {
    super(options, { defaultLearningRate: 0.001, ownKeys: ['beta1', 'beta2', 'epsilon'] });
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    [this.momentums, this.norms] = this.addOptimizerVariables(vars, ['momentum', 'norm']) as [(OptimizerVariable | null)[], (OptimizerVariable | null)[]];
  }

  protected override prepareStep(ctx: StepContext): void {
    this.correction = ops.sub(1, ops.pow(ops.scalar(this.beta1), ctx.localStep));
  }

  protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor {
    const mSlot = this.momentums[index]!;
    const uSlot = this.norms[index]!;
    const m = ops.add(mSlot.value, ops.mul(ops.sub(g, mSlot.value), ops.scalar(1 - this.beta1)));
    const u = ops.maximum(ops.mul(ops.scalar(this.beta2), uSlot.value), ops.abs(g));
    this.assign(mSlot, m);
    this.assign(uSlot, u);
    return ops.sub(value, ops.div(ops.mul(ctx.learningRate, m), ops.mul(this.correction!, ops.add(u, ops.scalar(this.epsilon)))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
