import { ops, ValueError, type Tensor } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { shapeToString, type Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import { registerLayer } from '../serialization.js';
import { resolveAffineParameters, serializeAffineParameters, type AffineParameterArgs, type AffineParameters } from './affine-parameters.js';

/** Options of `GroupNormalization`. */
export interface GroupNormalizationArgs extends LayerArgs, AffineParameterArgs {
  /** Number of groups the channels are split into (default 32); -1 makes one group per channel (instance
   * normalization). It must divide the number of channels. */
  groups?: number;
  /** The channel axis (default -1). */
  axis?: number;
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
}

/**
 * Group normalization, as `keras.layers.GroupNormalization`: splits the channels into `groups` and normalizes each
 * sample's group over the group's channels and every other non-batch axis, then applies per-channel `gamma` and
 * `beta`. `groups: 1` is layer normalization over all axes, `groups: -1` instance normalization.
 *
 * Arguments: `groups`, `axis`, `epsilon`, `center`, `scale`, the initializers, regularizers and constraints of
 * `beta` and `gamma`.
 *
 * Input shape: any, with a defined channel axis. Output shape: the input shape.
 *
 * @example
 * new GroupNormalization({ groups: 2 }).apply(ops.ones([1, 5, 4])).shape; // [1, 5, 4]
 */
export class GroupNormalization extends Layer implements AffineParameters {
  static override className = 'GroupNormalization';

  /** As given, or the number of channels once built with -1 (as Keras). */
  groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center!: boolean;
  readonly scale!: boolean;
  readonly betaInitializer!: initializers.Initializer;
  readonly gammaInitializer!: initializers.Initializer;
  readonly betaRegularizer!: regularizers.Regularizer | null;
  readonly gammaRegularizer!: regularizers.Regularizer | null;
  readonly betaConstraint!: constraints.Constraint | null;
  readonly gammaConstraint!: constraints.Constraint | null;
  gamma: KerasVariable | null = null;
  beta: KerasVariable | null = null;

  constructor(args: GroupNormalizationArgs = {}) {
    const groups = args.groups ?? 32;
    if (!Number.isInteger(groups) || (groups <= 0 && groups !== -1)) {
      throw new ValueError(
        `Received an invalid value for argument "groups", expected a positive integer (or -1 for instance normalization). Received: groups=${JSON.stringify(args.groups)}`,
      );
    }
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new ValueError(`Argument "axis" of GroupNormalization must be an integer. Received: axis=${JSON.stringify(args.axis)}`);
    this.groups = groups;
    this.axis = axis;
    this.epsilon = args.epsilon ?? 1e-3;
    Object.assign(this, resolveAffineParameters(args));
    this.supportsMasking = true;
    this.autocast = false;
  }

  override build(inputShape: Shape): void {
    const dim = inputShape.at(this.axis);
    if (dim == null) {
      throw new ValueError(`Axis ${this.axis} of input tensor should have a defined dimension but the layer "${this.name}" received an input with shape ${shapeToString(inputShape)}.`);
    }
    if (this.groups === -1) this.groups = dim;
    if (dim < this.groups) throw new ValueError(`Number of groups (${this.groups}) cannot be more than the number of channels (${dim}).`);
    if (dim % this.groups !== 0) throw new ValueError(`Number of groups (${this.groups}) must be a divisor of the number of channels (${dim}).`);
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes: { [this.axis]: dim } });
    this.gamma = this.scale
      ? this.addWeight({ name: 'gamma', shape: [dim], initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint })
      : null;
    this.beta = this.center
      ? this.addWeight({ name: 'beta', shape: [dim], initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint })
      : null;
  }

  override call(inputs: Tensor): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const axis = this.axis < 0 ? this.axis + x.rank : this.axis;
    const channels = x.shape[axis]!;
    // [b, …, C, …] → [b, …, groups, C / groups, …]; statistics over every axis but the batch and the group.
    const groupShape = [...x.shape];
    groupShape.splice(axis, 1, this.groups, channels / this.groups);
    const grouped = ops.reshape(x, groupShape);
    const reduction = [...Array(grouped.rank).keys()].filter((a) => a !== 0 && a !== axis);
    const broadcastShape = groupShape.map((d, i) => (i === axis || i === axis + 1 ? d : 1));
    const { mean, variance } = ops.moments(grouped, reduction, true);
    let inv = ops.rsqrt(ops.add(variance, ops.scalar(this.epsilon)));
    if (this.gamma) inv = ops.mul(inv, ops.reshape(this.gamma.value, broadcastShape));
    let res = ops.mul(ops.neg(mean), inv);
    if (this.beta) res = ops.add(res, ops.reshape(this.beta.value, broadcastShape));
    return ops.reshape(ops.add(ops.mul(grouped, inv), res), x.shape);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.axis >= inputShape.length || this.axis < -inputShape.length) {
      throw new ValueError(`Axis ${this.axis} is out of bounds for input shape ${shapeToString(inputShape)}. Received: axis=${this.axis}`);
    }
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      ...serializeAffineParameters(this),
    };
  }
}
registerLayer(GroupNormalization);
