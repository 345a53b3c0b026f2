import { ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link Adadelta}. */
export interface AdadeltaOptions extends OptimizerOptions {
  /** Default 0.001 (use 1.0 for the paper's form). */
  learningRate?: OptimizerOptions['learningRate'];
  /** Decay rate. Default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adadelta, as `keras.optimizers.Adadelta`: `E[g²] = ρ·E[g²] + (1−ρ)·g²`,
 * `Δ = −sqrt(E[Δ²] + ε)·g / sqrt(E[g²] + ε)`, `E[Δ²] = ρ·E[Δ²] + (1−ρ)·Δ²`, `w += lr·Δ`.
 * Slots, interleaved per variable: `accumulated_grad`, `accumulated_delta_var`.
 *
 * @example
 * const opt = new Adadelta({ learningRate: 1.0, rho: 0.95 });
 */
export class Adadelta extends Optimizer {
  static override className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;
  private accumulatedGrads: (OptimizerVariable | null)[] = [];
  private accumulatedDeltaVars: (OptimizerVariable | null)[] = [];

  constructor(options: AdadeltaOptions = {}) {
    super(options, { defaultLearningRate: 0.001, ownKeys: ['rho', 'epsilon'] });
    this.rho = options.rho ?? 0.95;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    [this.accumulatedGrads, this.accumulatedDeltaVars] = this.addOptimizerVariables(vars, ['accumulated_grad', 'accumulated_delta_var']) as [
      (OptimizerVariable | null)[],
      (OptimizerVariable | null)[],
    ];
  }

  protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor {
    const rho = ops.scalar(this.rho);
    const oneMinusRho = ops.scalar(1 - this.rho);
    const eps = ops.scalar(this.epsilon);
    const rms = (x: Tensor) => ops.sqrt(ops.add(x, eps));
    const accGradSlot = this.accumulatedGrads[index]!;
    const accDeltaSlot = this.accumulatedDeltaVars[index]!;
    const accGrad = ops.add(ops.mul(rho, accGradSlot.value), ops.mul(oneMinusRho, ops.square(g)));
    this.assign(accGradSlot, accGrad);
    const delta = ops.neg(ops.div(ops.mul(rms(accDeltaSlot.value), g), rms(accGrad)));
    this.assign(accDeltaSlot, ops.add(ops.mul(rho, accDeltaSlot.value), ops.mul(oneMinusRho, ops.square(delta))));
    return ops.add(value, ops.mul(ctx.learningRate, delta));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
