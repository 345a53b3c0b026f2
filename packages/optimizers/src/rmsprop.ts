import { ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link RMSprop}. */
export interface RMSpropOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Discount of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Plain momentum on the increments; 0 creates no momentum slots. Default 0. */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Normalise by the estimated variance (also tracks the mean gradient). Default false. */
  centered?: boolean;
}

/**
 * RMSprop, as `keras.optimizers.RMSprop`: `velocity = ρ·velocity + (1−ρ)·g²`,
 * `increment = lr·g / sqrt(velocity + ε)` (centered: `sqrt(velocity − mean_g² + ε)`), then `w −= increment` or, with
 * momentum, `m = momentum·m + increment; w −= m`. Slots, each for every variable in turn: `velocity`, then
 * `momentum` (momentum > 0), then `average_gradient` (centered).
 *
 * @example
 * model.compile({ optimizer: new RMSprop({ learningRate: 1e-3, centered: true }), loss: 'mse' });
 */
export class RMSprop extends Optimizer {
  static override className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private velocities: (OptimizerVariable | null)[] = [];
  private momentums: (OptimizerVariable | null)[] = [];
  private averageGradients: (OptimizerVariable | null)[] = [];

  constructor(options: RMSpropOptions = {}) {
    super(options, { defaultLearningRate: 0.001, ownKeys: ['rho', 'momentum', 'epsilon', 'centered'] });
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0.0;
    this.epsilon = options.epsilon ?? 1e-7;
    this.centered = options.centered ?? false;
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    [this.velocities] = this.addOptimizerVariables(vars, ['velocity']) as [(OptimizerVariable | null)[]];
    if (this.momentum > 0) [this.momentums] = this.addOptimizerVariables(vars, ['momentum']) as [(OptimizerVariable | null)[]];
    if (this.centered) [this.averageGradients] = this.addOptimizerVariables(vars, ['average_gradient']) as [(OptimizerVariable | null)[]];
  }

  protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor {
    const rho = ops.scalar(this.rho);
    const oneMinusRho = ops.scalar(1 - this.rho);
    const velocity = this.velocities[index]!;
    const v = ops.add(ops.mul(rho, velocity.value), ops.mul(oneMinusRho, ops.square(g)));
    this.assign(velocity, v);
    let denominator: Tensor;
    if (this.centered) {
      const average = this.averageGradients[index]!;
      const a = ops.add(ops.mul(rho, average.value), ops.mul(oneMinusRho, g));
      this.assign(average, a);
      denominator = ops.add(ops.sub(v, ops.square(a)), ops.scalar(this.epsilon));
    } else {
      denominator = ops.add(v, ops.scalar(this.epsilon));
    }
    const increment = ops.div(ops.mul(ctx.learningRate, g), ops.sqrt(denominator));
    if (this.momentum > 0) {
      const momentum = this.momentums[index]!;
      const m = ops.add(ops.mul(ops.scalar(this.momentum), momentum.value), increment);
      this.assign(momentum, m);
      return ops.sub(value, m);
    }
    return ops.sub(value, increment);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
