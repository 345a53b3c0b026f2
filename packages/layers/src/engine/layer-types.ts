/**
 * The option and argument types of `Layer`: constructor options, `call` keyword arguments, `addWeight` options.
 */
import type { Tensor } from '@strata/core';
import type * as initializers from '@strata/initializers';
import type * as constraints from '../constraints/index.js';
import type * as regularizers from '../regularizers/index.js';
import type { DTypeLike } from './dtype-policy.js';
import type { KerasTensor } from './keras-tensor.js';

/** Constructor options every layer accepts. */
export interface LayerArgs {
  /** Unique name; defaults to the snake_case class name made unique (`dense`, `dense_1`…). */
  name?: string;
  /** Whether the layer's weights are updated by training (default true). */
  trainable?: boolean;
  /** Dtype policy name (`'float32'`) or a serialized `DTypePolicy`. */
  dtype?: DTypeLike;
  /** Regularizer applied to the layer's outputs; its value joins `losses`. */
  activityRegularizer?: regularizers.RegularizerIdentifier | null;
  /** Whether float inputs are cast to the compute dtype (default true). */
  autocast?: boolean;
  /** Legacy: the input shape without batch, so a `Sequential` can build from its first layer. */
  inputShape?: ReadonlyArray<number | null>;
  /** Legacy: the input shape with batch. */
  batchInputShape?: ReadonlyArray<number | null>;
  /** Legacy: `inputShape: [inputDim]`. */
  inputDim?: number;
  /** Legacy: the batch size used with `inputShape`. */
  batchSize?: number;
}

/** What `apply` passes to `call` besides the inputs: `training`, `mask`, and any keyword arguments. */
export interface CallArgs {
  /** Training mode (Dropout drops, BatchNormalization uses batch statistics); undefined = the layer's default. */
  training?: boolean;
  /** The input mask(s), filled in from the inputs' attached masks when not given. */
  mask?: unknown;
  [key: string]: unknown;
}

/** Symbolic inputs: a `KerasTensor` or a list/record of them. */
export type SymbolicInput = KerasTensor | KerasTensor[] | { [key: string]: KerasTensor };
/** Concrete inputs: a tensor or a list/record of tensors. */
export type EagerInput = Tensor | Tensor[] | { [key: string]: Tensor };

/** Options of `addWeight`. */
export interface AddWeightOptions {
  name: string;
  /** Default `[]` (a scalar). */
  shape?: ReadonlyArray<number>;
  /** Name, config or instance; default `'glorot_uniform'` for floats, `'zeros'` otherwise. */
  initializer?: initializers.InitializerIdentifier | null;
  /** Default: the layer's variable dtype. */
  dtype?: string;
  /** Default true. */
  trainable?: boolean;
  regularizer?: regularizers.RegularizerIdentifier | null;
  constraint?: constraints.ConstraintIdentifier | null;
  /** Whether the optimizer writes the gradient into the variable instead of a step (float8 scales). */
  overwriteWithGradient?: boolean;
}
