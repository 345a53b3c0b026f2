import { ValueError, ops, type Tensor } from '@strata/core';
import { Optimizer, type OptimizerOptions, type StepContext } from './optimizer.js';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/** Options of {@link SGD}. */
export interface SGDOptions extends OptimizerOptions {
  /** Default 0.01. */
  learningRate?: OptimizerOptions['learningRate'];
  /** In [0, 1]; 0 is plain gradient descent (and creates no slots). Default 0. */
  momentum?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * Gradient descent with optional (Nesterov) momentum, as `keras.optimizers.SGD`:
 * `velocity = momentum · velocity − lr · g`, then `w += velocity` (Nesterov: `w += momentum · velocity − lr · g`);
 * without momentum `w −= lr · g`. Slots: `momentum` per variable when momentum ≠ 0.
 *
 * @example
 * const opt = new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 * opt.applyGradients([[grad, w]]);
 */
export class SGD extends Optimizer {
  static override className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  private momentums: (OptimizerVariable | null)[] = [];

  constructor(options: SGDOptions = {}) {
    super(options, { defaultLearningRate: 0.01, ownKeys: ['momentum', 'nesterov'] });
    const momentum = options.momentum ?? 0.0;
    if (typeof momentum !== 'number' || momentum < 0 || momentum > 1) throw new ValueError('`momentum` must be a float between [0, 1].');
    this.momentum = momentum;
    this.nesterov = options.nesterov ?? false;
  }

  protected override createSlots(vars: ResolvedVariable[]): void {
    if (this.momentum !== 0) [this.momentums] = this.addOptimizerVariables(vars, ['momentum']) as [(OptimizerVariable | null)[]];
  }

  protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor {
    const lr = ctx.learningRate;
    const m = this.momentums[index];
    if (!m) return ops.sub(value, ops.mul(g, lr));
    const momentum = ops.scalar(this.momentum);
    const next = ops.sub(ops.mul(m.value, momentum), ops.mul(g, lr));
    this.assign(m, next);
    if (this.nesterov) return ops.add(value, ops.sub(ops.mul(next, momentum), ops.mul(g, lr)));
    return ops.add(value, next);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
