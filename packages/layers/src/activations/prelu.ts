import { ops, ValueError, type Tensor } from '@strata/core';
import * as initializers from '@strata/initializers';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { shapeToString, type Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import { registerLayer } from '../serialization.js';

/** Options of `PReLU`. */
export interface PReLUArgs extends LayerArgs {
  /** Initializer of the slopes (default `'zeros'`). */
  alphaInitializer?: initializers.InitializerIdentifier;
  alphaRegularizer?: regularizers.RegularizerIdentifier | null;
  alphaConstraint?: constraints.ConstraintIdentifier | null;
  /** Axes (1-based, the batch is 0) along which one slope is shared, e.g. `[1, 2]` for per-channel image slopes. */
  sharedAxes?: number | number[] | null;
}

/**
 * Parametric rectified linear unit, as `keras.layers.PReLU`: `x` for `x ≥ 0`, `alpha · x` otherwise, with a
 * learned `alpha` per input unit (shared along `sharedAxes`).
 *
 * Arguments: `alphaInitializer`, `alphaRegularizer`, `alphaConstraint`, `sharedAxes`.
 *
 * Input shape: any, batch first. Output shape: the input shape.
 *
 * @example
 * const prelu = new PReLU({ alphaInitializer: 'ones', sharedAxes: [1] });
 * prelu.apply(ops.ones([2, 3, 4])); prelu.alpha.shape; // [1, 4]
 */
export class PReLU extends Layer {
  static override className = 'PReLU';

  readonly alphaInitializer: initializers.Initializer;
  readonly alphaRegularizer: regularizers.Regularizer | null;
  readonly alphaConstraint: constraints.Constraint | null;
  readonly sharedAxes: number[] | null;
  /** The slopes, of the input shape without batch (1 along `sharedAxes`), once built. */
  alpha!: KerasVariable;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = initializers.get(args.alphaInitializer ?? 'zeros');
    this.alphaRegularizer = regularizers.get(args.alphaRegularizer ?? null);
    this.alphaConstraint = constraints.get(args.alphaConstraint ?? null);
    const shared = args.sharedAxes ?? null;
    this.sharedAxes = shared === null ? null : Array.isArray(shared) ? [...shared] : [shared];
    if (this.sharedAxes && !this.sharedAxes.every((a) => Number.isInteger(a) && a >= 1)) {
      throw new ValueError(`Argument "sharedAxes" of PReLU must hold axes ≥ 1 (axis 0 is the batch). Received: sharedAxes=${JSON.stringify(args.sharedAxes)}`);
    }
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const paramShape = inputShape.slice(1);
    for (const axis of this.sharedAxes ?? []) {
      if (axis > paramShape.length) throw new ValueError(`PReLU "${this.name}": shared axis ${axis} is out of bounds for input shape ${shapeToString(inputShape)}.`);
      paramShape[axis - 1] = 1;
    }
    if (paramShape.some((d) => d == null)) {
      throw new ValueError(`PReLU "${this.name}": every non-shared axis of the input must be defined. Received shape ${shapeToString(inputShape)}; share the unknown axes with "sharedAxes".`);
    }
    this.alpha = this.addWeight({
      name: 'alpha', shape: paramShape as number[], initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer, constraint: this.alphaConstraint,
    });
    const axes: Record<number, number | null> = {};
    if (this.sharedAxes?.length) {
      for (let i = 1; i < inputShape.length; i++) if (!this.sharedAxes.includes(i)) axes[i] = inputShape[i]!;
    }
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes });
  }

  override call(inputs: Tensor): Tensor {
    const pos = ops.relu(inputs);
    const neg = ops.mul(ops.neg(this.alpha.value), ops.relu(ops.neg(inputs)));
    return ops.add(pos, neg);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      alphaInitializer: initializers.serialize(this.alphaInitializer),
      alphaRegularizer: this.alphaRegularizer ? regularizers.serialize(this.alphaRegularizer) : null,
      alphaConstraint: this.alphaConstraint ? constraints.serialize(this.alphaConstraint) : null,
      sharedAxes: this.sharedAxes,
    };
  }
}
registerLayer(PReLU);
