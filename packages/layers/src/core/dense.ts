import { activations, NotImplementedError, ops, ValueError, type Tensor } from '@strata/core';
import * as initializers from '@strata/initializers';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import { registerLayer } from '../serialization.js';

/** Options of `Dense`. */
export interface DenseArgs extends LayerArgs {
  /** Dimensionality of the output space (a positive integer). */
  units: number;
  /** Activation name or function (default: none, i.e. linear). */
  activation?: string | activations.Activation | null;
  /** Whether to add a bias vector (default true). */
  useBias?: boolean;
  /** Default `'glorot_uniform'`. */
  kernelInitializer?: initializers.InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: initializers.InitializerIdentifier;
  kernelRegularizer?: regularizers.RegularizerIdentifier | null;
  biasRegularizer?: regularizers.RegularizerIdentifier | null;
  kernelConstraint?: constraints.ConstraintIdentifier | null;
  biasConstraint?: constraints.ConstraintIdentifier | null;
  /** Keras 3 writes `quantization_config: null`; quantization is not supported. */
  quantizationConfig?: null;
  /** LoRA is not supported; configs that carry `null` load. */
  loraRank?: null;
  loraAlpha?: null;
}

/**
 * Just your regular densely-connected layer, as `keras.layers.Dense`: `output = activation(dot(input, kernel) +
 * bias)`. On inputs of rank above 2 the kernel applies to the last axis.
 *
 * Arguments: `units`, `activation`, `useBias`, `kernelInitializer`, `biasInitializer`, `kernelRegularizer`,
 * `biasRegularizer`, `activityRegularizer`, `kernelConstraint`, `biasConstraint`.
 *
 * Input shape: `[batch, …, inputDim]`. Output shape: `[batch, …, units]`.
 *
 * @example
 * const dense = new Dense({ units: 64, activation: 'relu' });
 * dense.apply(ops.ones([32, 784])).shape; // [32, 64]
 * dense.countParams(); // 50240
 */
export class Dense extends Layer {
  static override className = 'Dense';

  readonly units: number;
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: initializers.Initializer;
  readonly biasInitializer: initializers.Initializer;
  readonly kernelRegularizer: regularizers.Regularizer | null;
  readonly biasRegularizer: regularizers.Regularizer | null;
  readonly kernelConstraint: constraints.Constraint | null;
  readonly biasConstraint: constraints.Constraint | null;
  /** The `[inputDim, units]` weight, once built. */
  kernel!: KerasVariable;
  /** The `[units]` weight, once built (null without bias). */
  bias: KerasVariable | null = null;

  constructor(args: DenseArgs) {
    if (!args || !Number.isInteger(args.units) || args.units <= 0) {
      throw new ValueError(`Received an invalid value for argument "units", expected a positive integer. Received: units=${JSON.stringify(args?.units)}`);
    }
    if (args.quantizationConfig != null) throw new NotImplementedError('Dense: quantizationConfig is not supported.');
    if (args.loraRank != null) throw new NotImplementedError('Dense: LoRA (loraRank) is not supported.');
    super(args);
    this.units = args.units;
    this.activation = activations.get(args.activation ?? null);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = initializers.get(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = initializers.get(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = regularizers.get(args.kernelRegularizer ?? null);
    this.biasRegularizer = regularizers.get(args.biasRegularizer ?? null);
    this.kernelConstraint = constraints.get(args.kernelConstraint ?? null);
    this.biasConstraint = constraints.get(args.biasConstraint ?? null);
    this.inputSpec = new InputSpec({ minNdim: 2 });
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim == null) throw new ValueError(`Dense "${this.name}": the last dimension of the inputs must be defined. Received shape ${JSON.stringify(inputShape)}.`);
    this.kernel = this.addWeight({
      name: 'kernel', shape: [inputDim, this.units], initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer, constraint: this.kernelConstraint,
    });
    this.bias = this.useBias
      ? this.addWeight({ name: 'bias', shape: [this.units], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint })
      : null;
    this.inputSpec = new InputSpec({ minNdim: 2, axes: { [-1]: inputDim } });
  }

  override call(inputs: Tensor): Tensor {
    const kernel = this.kernel.value;
    // Integer inputs compute in the kernel's dtype, as Keras' backends promote them.
    if (inputs.dtype !== kernel.dtype) inputs = ops.cast(inputs, kernel.dtype);
    let x: Tensor;
    if (inputs.rank === 2) {
      x = ops.matMul(inputs, kernel);
    } else {
      const lead = inputs.shape.slice(0, -1);
      x = ops.reshape(ops.matMul(ops.reshape(inputs, [-1, inputs.shape[inputs.rank - 1]!]), kernel), [...lead, this.units]);
    }
    if (this.bias) x = ops.add(x, this.bias.value);
    return this.activation(x);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activations.serialize(this.activation),
      useBias: this.useBias,
      kernelInitializer: initializers.serialize(this.kernelInitializer),
      biasInitializer: initializers.serialize(this.biasInitializer),
      kernelRegularizer: this.kernelRegularizer ? regularizers.serialize(this.kernelRegularizer) : null,
      biasRegularizer: this.biasRegularizer ? regularizers.serialize(this.biasRegularizer) : null,
      kernelConstraint: this.kernelConstraint ? constraints.serialize(this.kernelConstraint) : null,
      biasConstraint: this.biasConstraint ? constraints.serialize(this.biasConstraint) : null,
      quantizationConfig: null,
    };
  }
}
registerLayer(Dense);
