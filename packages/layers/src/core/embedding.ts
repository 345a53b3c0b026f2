import { NotImplementedError, ops, ValueError, type Tensor } from '@strata/core';
import * as initializers from '@strata/initializers';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape, ShapeStructure } from '../engine/shape.js';
import type { KerasVariable } from '../engine/variable.js';
import { registerLayer } from '../serialization.js';

/** Options of `Embedding`. */
export interface EmbeddingArgs extends LayerArgs {
  /** Size of the vocabulary: ids run from 0 to `inputDim − 1`. */
  inputDim: number;
  /** Size of each embedding vector. */
  outputDim: number;
  /** Default `'uniform'` (`RandomUniform(-0.05, 0.05)`). */
  embeddingsInitializer?: initializers.InitializerIdentifier;
  embeddingsRegularizer?: regularizers.RegularizerIdentifier | null;
  embeddingsConstraint?: constraints.ConstraintIdentifier | null;
  /** Whether id 0 is padding: the output then carries a mask, false where the id is 0 (default false). */
  maskZero?: boolean;
  /** Keras 2's `input_length`; accepted and ignored, as Keras 3 does. */
  inputLength?: number | null;
  /** Keras 3 writes `quantization_config: null`; quantization is not supported. */
  quantizationConfig?: null;
  /** LoRA is not supported; configs that carry `null` load. */
  loraRank?: null;
  loraAlpha?: null;
}

/**
 * Turns integer ids into dense vectors, as `keras.layers.Embedding`: row `id` of an `[inputDim, outputDim]` table.
 * With `maskZero` the output is masked where the id is 0, so later layers skip padding.
 *
 * Arguments: `inputDim`, `outputDim`, `embeddingsInitializer`, `embeddingsRegularizer`, `embeddingsConstraint`,
 * `maskZero`.
 *
 * Input shape: `[batch, …]` of ids (floats are cast to int32). Output shape: `[batch, …, outputDim]`.
 *
 * @example
 * const emb = new Embedding({ inputDim: 1000, outputDim: 64, maskZero: true });
 * const y = emb.apply(ops.tensor([[4, 2, 0]], undefined, 'int32')); // [1, 3, 64]
 * getKerasMask(y);                                                  // [[true, true, false]]
 */
export class Embedding extends Layer {
  static override className = 'Embedding';

  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: initializers.Initializer;
  readonly embeddingsRegularizer: regularizers.Regularizer | null;
  readonly embeddingsConstraint: constraints.Constraint | null;
  readonly maskZero: boolean;
  /** The `[inputDim, outputDim]` table, once built. */
  embeddings!: KerasVariable;

  constructor(args: EmbeddingArgs) {
    for (const key of ['inputDim', 'outputDim'] as const) {
      const v = args?.[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
        throw new ValueError(`"${key}" must be a positive integer. Received: ${key}=${JSON.stringify(v)}`);
      }
    }
    if (args.quantizationConfig != null) throw new NotImplementedError('Embedding: quantizationConfig is not supported.');
    if (args.loraRank != null) throw new NotImplementedError('Embedding: LoRA (loraRank) is not supported.');
    super(args);
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.embeddingsInitializer = initializers.get(args.embeddingsInitializer ?? 'uniform');
    this.embeddingsRegularizer = regularizers.get(args.embeddingsRegularizer ?? null);
    this.embeddingsConstraint = constraints.get(args.embeddingsConstraint ?? null);
    this.maskZero = args.maskZero ?? false;
    this.supportsMasking = this.maskZero;
    this.autocast = false;
  }

  override build(inputShape?: ShapeStructure | null): void {
    void inputShape;
    if (this.built) return;
    this.embeddings = this.addWeight({
      name: 'embeddings', shape: [this.inputDim, this.outputDim], initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer, constraint: this.embeddingsConstraint,
    });
  }

  override call(inputs: Tensor): Tensor {
    const ids = inputs.dtype === 'int32' ? inputs : ops.cast(inputs, 'int32');
    const out = ops.gather(this.embeddings.value, ids);
    return out.dtype === this.computeDtype ? out : ops.cast(out, this.computeDtype);
  }

  /** With `maskZero`: true where the id is not 0. */
  override computeMask(inputs: Tensor): Tensor | null {
    return this.maskZero ? ops.notEqual(inputs, ops.scalar(0, inputs.dtype)) : null;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: initializers.serialize(this.embeddingsInitializer),
      embeddingsRegularizer: this.embeddingsRegularizer ? regularizers.serialize(this.embeddingsRegularizer) : null,
      activityRegularizer: this.activityRegularizer ? regularizers.serialize(this.activityRegularizer) : null,
      embeddingsConstraint: this.embeddingsConstraint ? constraints.serialize(this.embeddingsConstraint) : null,
      maskZero: this.maskZero,
      quantizationConfig: null,
    };
  }
}
registerLayer(Embedding);
