import { ops, ValueError, type Tensor } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { shapeToString, type Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import { registerLayer } from '../serialization.js';
import { resolveAffineParameters, serializeAffineParameters, type AffineParameterArgs, type AffineParameters } from './affine-parameters.js';

/** Options of `LayerNormalization`. */
export interface LayerNormalizationArgs extends LayerArgs, AffineParameterArgs {
  /** The axis or axes to normalize over (default -1). */
  axis?: number | number[];
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  /** Keras 3's deprecated flag: `x / sqrt(var + epsilon) · gamma`, without centering or `beta`. */
  rmsScaling?: boolean;
}

/**
 * Normalizes each sample over `axis`, as `keras.layers.LayerNormalization`: `gamma · (x − mean) / sqrt(var +
 * epsilon) + beta`, with `gamma` and `beta` shaped like the normalized axes. The same in training and inference.
 *
 * Arguments: `axis`, `epsilon`, `center`, `scale`, `rmsScaling`, the initializers, regularizers and constraints of
 * `beta` and `gamma`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new LayerNormalization().apply(ops.tensor([[1, 3]])); // [[-1, 1]] (about)
 */
export class LayerNormalization extends Layer implements AffineParameters {
  static override className = 'LayerNormalization';

  /** As given until built, then the sorted list of axes (as Keras). */
  axis: number | number[];
  readonly epsilon: number;
  readonly center!: boolean;
  readonly scale!: boolean;
  readonly rmsScaling: boolean;
  readonly betaInitializer!: initializers.Initializer;
  readonly gammaInitializer!: initializers.Initializer;
  readonly betaRegularizer!: regularizers.Regularizer | null;
  readonly gammaRegularizer!: regularizers.Regularizer | null;
  readonly betaConstraint!: constraints.Constraint | null;
  readonly gammaConstraint!: constraints.Constraint | null;
  gamma: KerasVariable | null = null;
  beta: KerasVariable | null = null;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    const valid = Array.isArray(axis) ? axis.every((a) => Number.isInteger(a)) : Number.isInteger(axis);
    if (!valid) throw new TypeError(`Expected an int or a list of ints for the argument "axis", but received: ${JSON.stringify(args.axis)}`);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.epsilon = args.epsilon ?? 1e-3;
    Object.assign(this, resolveAffineParameters(args));
    this.rmsScaling = args.rmsScaling ?? false;
    this.supportsMasking = true;
    this.autocast = false;
  }

  override build(inputShape: Shape): void {
    this.axis = Array.isArray(this.axis) ? [...this.axis].sort((a, b) => a - b) : [this.axis];
    const dims = this.axis.map((a) => inputShape[a < 0 ? a + inputShape.length : a]);
    if (dims.some((d) => d == null)) {
      throw new ValueError(`LayerNormalization "${this.name}": axes ${JSON.stringify(this.axis)} of the input must be defined. Received shape ${shapeToString(inputShape)}.`);
    }
    const shape = dims as number[];
    this.gamma = this.scale || this.rmsScaling
      ? this.addWeight({ name: 'gamma', shape, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint })
      : null;
    this.beta = this.center && !this.rmsScaling
      ? this.addWeight({ name: 'beta', shape, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint })
      : null;
  }

  override call(inputs: Tensor): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const rank = x.rank;
    const axes = (Array.isArray(this.axis) ? this.axis : [this.axis]).map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
    const broadcastShape = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    const lastOnly = axes.length === 1 && axes[0] === rank - 1;
    const param = (v: KerasVariable): Tensor => (lastOnly ? v.value : ops.reshape(v.value, broadcastShape));
    const { mean, variance } = ops.moments(x, axes, true);
    const inv = ops.rsqrt(ops.add(variance, ops.scalar(this.epsilon)));
    if (this.rmsScaling) {
      const y = ops.mul(x, inv);
      return this.gamma ? ops.mul(y, param(this.gamma)) : y;
    }
    const scaled = this.gamma ? ops.mul(inv, param(this.gamma)) : inv;
    let res = ops.mul(ops.neg(mean), scaled);
    if (this.beta) res = ops.add(res, param(this.beta));
    return ops.add(ops.mul(x, scaled), res);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    for (const axis of Array.isArray(this.axis) ? this.axis : [this.axis]) {
      if (axis >= inputShape.length || axis < -inputShape.length) {
        throw new ValueError(`Axis ${axis} is out of bounds for input shape ${shapeToString(inputShape)}. Received: axis=${JSON.stringify(this.axis)}`);
      }
    }
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: Array.isArray(this.axis) ? [...this.axis] : this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      rmsScaling: this.rmsScaling,
      ...serializeAffineParameters(this),
    };
  }
}
registerLayer(LayerNormalization);
