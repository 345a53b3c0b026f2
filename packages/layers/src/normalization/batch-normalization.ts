import { epsilon as backendEpsilon, NotImplementedError, ops, ValueError, type Tensor } from '@strata/core';
import * as initializers from '@strata/initializers';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { shapeToString, type Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import { registerLayer } from '../serialization.js';

/** Options of `BatchNormalization`. */
export interface BatchNormalizationArgs extends LayerArgs {
  /** The feature axis, normally -1 (channels last) or 1 (channels first); a list of axes normalizes per position on
   * all of them (Keras 2 files write `[3]`). Default -1. */
  axis?: number | number[];
  /** Momentum of the moving average (default 0.99). */
  momentum?: number;
  /** Added to the variance to avoid dividing by zero (default 1e-3). */
  epsilon?: number;
  /** Whether to add the offset `beta` (default true). */
  center?: boolean;
  /** Whether to multiply by `gamma` (default true). */
  scale?: boolean;
  betaInitializer?: initializers.InitializerIdentifier;
  gammaInitializer?: initializers.InitializerIdentifier;
  movingMeanInitializer?: initializers.InitializerIdentifier;
  movingVarianceInitializer?: initializers.InitializerIdentifier;
  betaRegularizer?: regularizers.RegularizerIdentifier | null;
  gammaRegularizer?: regularizers.RegularizerIdentifier | null;
  betaConstraint?: constraints.ConstraintIdentifier | null;
  gammaConstraint?: constraints.ConstraintIdentifier | null;
  /** Cross-replica statistics; ignored (one device). */
  synchronized?: boolean;
  /** Batch renormalization is not supported; configs with `false` load. */
  renorm?: boolean;
  renormClipping?: Record<string, number> | null;
  renormMomentum?: number;
  /** Keras 2 config keys, accepted and ignored (`fused`), or refused unless null. */
  fused?: boolean | null;
  virtualBatchSize?: number | null;
  adjustment?: null;
}

/**
 * Normalizes its inputs per feature, as `keras.layers.BatchNormalization`: `gamma · (x − mean) / sqrt(var + epsilon)
 * + beta`. In training (`training: true` on a trainable layer) it uses the batch's mean and variance and updates
 * `movingMean` / `movingVariance` as `moving · momentum + batch · (1 − momentum)`; in inference it uses the moving
 * statistics. A frozen layer (`trainable = false`) always runs in inference mode, as in Keras 3, so fine-tuning
 * leaves its statistics alone. A `mask` (one rank below the inputs) restricts the batch statistics to unmasked
 * positions.
 *
 * Arguments: `axis`, `momentum`, `epsilon`, `center`, `scale`, the initializers, regularizers and constraints of
 * `beta` and `gamma`, the initializers of the moving statistics.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * const bn = new BatchNormalization();
 * bn.apply(ops.tensor([[1, 2], [3, 6]]), { training: true }); // [[-1, -1], [1, 1]] (about)
 * bn.movingMean.read();                                       // [0.02, 0.04]
 */
export class BatchNormalization extends Layer {
  static override className = 'BatchNormalization';

  readonly axis: number | number[];
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly synchronized: boolean;
  readonly betaInitializer: initializers.Initializer;
  readonly gammaInitializer: initializers.Initializer;
  readonly movingMeanInitializer: initializers.Initializer;
  readonly movingVarianceInitializer: initializers.Initializer;
  readonly betaRegularizer: regularizers.Regularizer | null;
  readonly gammaRegularizer: regularizers.Regularizer | null;
  readonly betaConstraint: constraints.Constraint | null;
  readonly gammaConstraint: constraints.Constraint | null;
  readonly renormMomentum: number;
  gamma: KerasVariable | null = null;
  beta: KerasVariable | null = null;
  movingMean!: KerasVariable;
  movingVariance!: KerasVariable;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    this._callHasMaskArg = true;
    this.axis = normalizeAxisArg(args.axis ?? -1);
    this.momentum = checkNumber(args.momentum ?? 0.99, 'momentum');
    this.epsilon = checkNumber(args.epsilon ?? 1e-3, 'epsilon');
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.synchronized = args.synchronized ?? false;
    if (args.renorm) throw new NotImplementedError('BatchNormalization: batch renormalization (renorm: true) is not supported.');
    if (args.virtualBatchSize != null) throw new NotImplementedError('BatchNormalization: virtualBatchSize (Keras 2) is not supported.');
    if (args.adjustment != null) throw new NotImplementedError('BatchNormalization: adjustment (Keras 2) is not supported.');
    this.renormMomentum = args.renormMomentum ?? 0.99;
    this.betaInitializer = initializers.get(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = initializers.get(args.gammaInitializer ?? 'ones');
    this.movingMeanInitializer = initializers.get(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = initializers.get(args.movingVarianceInitializer ?? 'ones');
    this.betaRegularizer = regularizers.get(args.betaRegularizer ?? null);
    this.gammaRegularizer = regularizers.get(args.gammaRegularizer ?? null);
    this.betaConstraint = constraints.get(args.betaConstraint ?? null);
    this.gammaConstraint = constraints.get(args.gammaConstraint ?? null);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const axes = this.featureAxes(inputShape.length);
    const dims = axes.map((a) => inputShape[a]);
    if (dims.some((d) => d == null)) {
      throw new ValueError(`BatchNormalization "${this.name}": axis ${JSON.stringify(this.axis)} of the input must be defined. Received shape ${shapeToString(inputShape)}.`);
    }
    const shape = dims as number[];
    if (this.scale) {
      this.gamma = this.addWeight({
        name: 'gamma', shape, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint,
      });
    }
    if (this.center) {
      this.beta = this.addWeight({
        name: 'beta', shape, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint,
      });
    }
    this.movingMean = this.addWeight({ name: 'moving_mean', shape, initializer: this.movingMeanInitializer, trainable: false });
    this.movingVariance = this.addWeight({ name: 'moving_variance', shape, initializer: this.movingVarianceInitializer, trainable: false });
    const specAxes: Record<number, number> = {};
    axes.forEach((a, i) => {
      specAxes[a] = shape[i]!;
    });
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes: specAxes });
  }

  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    const mask = (kwargs.mask ?? null) as Tensor | null;
    if (mask && mask.rank !== inputs.rank - 1) {
      throw new ValueError(
        `BatchNormalization "${this.name}": the mask provided should be one dimension less than the inputs. ` +
          `Received: mask.shape=${shapeToString(mask.shape)}, inputs.shape=${shapeToString(inputs.shape)}`,
      );
    }
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const axes = this.featureAxes(x.rank);
    const reduction = [...Array(x.rank).keys()].filter((a) => !axes.includes(a));
    const paramShape = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    const asParam = (t: Tensor): Tensor => (axes.length === 1 && axes[0] === x.rank - 1 ? t : ops.reshape(t, paramShape));
    let mean: Tensor;
    let variance: Tensor;
    if (kwargs.training && this.trainable && !mask) {
      // One fused op, with a gradient of its own (two passes over dy and x on wasm).
      const fused = ops.batchNormTraining(x, { axes: reduction, gamma: this.gamma?.value ?? null, beta: this.beta?.value ?? null, epsilon: this.epsilon });
      this.updateMovingStatistic(this.movingMean, fused.mean);
      this.updateMovingStatistic(this.movingVariance, fused.variance);
      return fused.output;
    }
    if (kwargs.training && this.trainable) {
      ({ mean, variance } = maskedMoments(x, mask!, reduction));
      this.updateMovingStatistic(this.movingMean, mean);
      this.updateMovingStatistic(this.movingVariance, variance);
    } else {
      mean = asParam(this.movingMean.value);
      variance = asParam(this.movingVariance.value);
    }
    // As Keras' batch_normalization: x · inv + (beta − mean · inv), inv = gamma / sqrt(variance + epsilon).
    let inv = ops.rsqrt(ops.add(variance, ops.scalar(this.epsilon)));
    if (this.gamma) inv = ops.mul(inv, asParam(this.gamma.value));
    let res = ops.mul(ops.neg(mean), inv);
    if (this.beta) res = ops.add(res, asParam(this.beta.value));
    return ops.add(ops.mul(x, inv), res);
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
    const ser = <T>(x: T | null, fn: (v: T) => unknown): unknown => (x ? fn(x) : null);
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: initializers.serialize(this.betaInitializer),
      gammaInitializer: initializers.serialize(this.gammaInitializer),
      movingMeanInitializer: initializers.serialize(this.movingMeanInitializer),
      movingVarianceInitializer: initializers.serialize(this.movingVarianceInitializer),
      betaRegularizer: ser(this.betaRegularizer, regularizers.serialize),
      gammaRegularizer: ser(this.gammaRegularizer, regularizers.serialize),
      betaConstraint: ser(this.betaConstraint, constraints.serialize),
      gammaConstraint: ser(this.gammaConstraint, constraints.serialize),
      synchronized: this.synchronized,
      renorm: false,
      renormClipping: null,
      renormMomentum: this.renormMomentum,
    };
  }

  /** The feature axes for inputs of `rank`, non-negative and sorted. */
  private featureAxes(rank: number): number[] {
    const axes = (Array.isArray(this.axis) ? this.axis : [this.axis]).map((a) => {
      const r = a < 0 ? a + rank : a;
      if (r < 0 || r >= rank) throw new ValueError(`BatchNormalization "${this.name}": axis ${a} is out of bounds for inputs of rank ${rank}.`);
      return r;
    });
    return [...new Set(axes)].sort((a, b) => a - b);
  }

  /**
   * `moving ← moving · momentum + batch · (1 − momentum)`. The new value is a plain tensor (no gradient flows into a
   * variable assignment), so this works inside `variableGrads` during a training step.
   */
  private updateMovingStatistic(variable: KerasVariable, batch: Tensor): void {
    const next = ops.add(ops.mul(variable.value, ops.scalar(this.momentum)), ops.mul(ops.reshape(batch, variable.shape), ops.scalar(1 - this.momentum)));
    variable.assign(next);
    next.dispose();
  }
}
registerLayer(BatchNormalization);

/** A single-element list becomes its element (Keras 3 loads Keras 2's `[3]` as `3`). */
function normalizeAxisArg(axis: number | number[]): number | number[] {
  const list = Array.isArray(axis) ? axis : [axis];
  if (list.length === 0 || !list.every((a) => Number.isInteger(a))) {
    throw new ValueError(`Argument "axis" of BatchNormalization must be an integer or a list of integers. Received: axis=${JSON.stringify(axis)}`);
  }
  return list.length === 1 ? list[0]! : [...list];
}

function checkNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValueError(`Argument "${name}" of BatchNormalization must be a number. Received: ${name}=${JSON.stringify(value)}`);
  return value;
}

/** Mean and variance over `axes` of the positions where `mask` (one rank below `x`) is true, as Keras' `_moments`. */
function maskedMoments(x: Tensor, mask: Tensor, axes: number[]): { mean: Tensor; variance: Tensor } {
  const m = ops.broadcastTo(ops.expandDims(mask.dtype === 'bool' ? mask : ops.cast(mask, 'bool'), -1), x.shape);
  const zero = ops.scalar(0, x.dtype);
  const weights = ops.sum(ops.cast(m, x.dtype), axes, true);
  const denom = ops.add(weights, ops.scalar(backendEpsilon()));
  const mean = ops.div(ops.sum(ops.where(m, x, zero), axes, true), denom);
  const diff = ops.where(m, ops.sub(x, mean), zero);
  const variance = ops.div(ops.sum(ops.square(diff), axes, true), denom);
  return { mean, variance };
}
