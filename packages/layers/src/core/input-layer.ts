/**
 * `InputLayer` and `Input`: the entry points of a functional graph, as Keras' `layers/core/input_layer.py`.
 */
import { standardizeDtype, ValueError, type DataType } from '@strata/core';
import { isKerasTensor, KerasTensor } from '../engine/keras-tensor.js';
import { Layer } from '../engine/layer.js';
import { Node } from '../engine/node.js';
import { shapeToString, standardizeShape, shapesEqual, type Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `InputLayer` (and of `Input`). */
export interface InputLayerArgs {
  /** Shape without the batch dimension (null for unknown sizes): `[28, 28, 1]`. */
  shape?: ReadonlyArray<number | null>;
  /** A fixed batch size (default: unknown). */
  batchSize?: number | null;
  /** Shape with the batch dimension; exclusive with `shape`/`batchSize`. */
  batchShape?: ReadonlyArray<number | null>;
  /** Default `'float32'`. */
  dtype?: string | null;
  sparse?: boolean | null;
  ragged?: boolean | null;
  /** Names both the layer and its tensor. */
  name?: string | null;
  /** Wrap an existing symbolic tensor instead of creating one. */
  inputTensor?: KerasTensor | null;
  /** Whether `null` may be passed for this input. */
  optional?: boolean;
  /** Keras 2 spelling of `batchShape`. */
  batchInputShape?: ReadonlyArray<number | null>;
  /** Deprecated spelling of `shape`. */
  inputShape?: ReadonlyArray<number | null>;
  /** Accepted and ignored (configs carry it). */
  trainable?: boolean;
}

/**
 * The layer behind `Input`: it has no weights and is never called; it holds the symbolic tensor a functional
 * model starts from, as `keras.layers.InputLayer`.
 *
 * Input shape: none. Output shape: `batchShape`.
 *
 * @example
 * const layer = new InputLayer({ shape: [784] });
 * layer.output; // KerasTensor [null, 784]
 */
export class InputLayer extends Layer {
  static override className = 'InputLayer';

  readonly batchShape: Shape;
  readonly sparse: boolean;
  readonly ragged: boolean;
  readonly optional: boolean;
  private readonly inputDtypeName: DataType;

  constructor(args: InputLayerArgs = {}) {
    super({ name: args.name ?? undefined });
    let shape = args.shape ?? args.inputShape ?? null;
    let batchShape = args.batchShape ?? args.batchInputShape ?? null;
    let dtype = args.dtype ?? null;
    let sparse = args.sparse ?? null;
    const tensor = args.inputTensor ?? null;
    if (tensor !== null) {
      if (!isKerasTensor(tensor)) throw new ValueError(`Argument "inputTensor" must be a KerasTensor. Received: ${String(tensor)}`);
      if (args.batchSize != null && (tensor.rank < 1 || tensor.shape[0] !== args.batchSize)) {
        throw new ValueError('When providing the "inputTensor" argument, you cannot provide an incompatible "batchSize" argument.');
      }
      if (shape !== null && !shapesEqual(standardizeShape(shape), tensor.shape.slice(1))) {
        throw new ValueError('When providing the "inputTensor" argument, you cannot provide an incompatible "shape" argument.');
      }
      if (batchShape !== null && !shapesEqual(standardizeShape(batchShape), tensor.shape)) {
        throw new ValueError('When providing the "inputTensor" argument, you cannot provide an incompatible "batchShape" argument.');
      }
      if (dtype !== null && standardizeDtype(dtype) !== tensor.dtype) {
        throw new ValueError('When providing the "inputTensor" argument, you cannot provide an incompatible "dtype" argument.');
      }
      batchShape = tensor.shape;
      dtype = tensor.dtype;
      sparse = tensor.sparse;
      shape = null;
    } else {
      if (shape !== null && batchShape !== null) throw new ValueError('You cannot pass both "shape" and "batchShape" at the same time.');
      if (args.batchSize != null && batchShape !== null) throw new ValueError('You cannot pass both "batchSize" and "batchShape" at the same time.');
      if (shape === null && batchShape === null) throw new ValueError('You must pass a "shape" argument.');
      if (shape !== null) batchShape = [args.batchSize ?? null, ...standardizeShape(shape)];
    }
    this.batchShape = standardizeShape(batchShape!);
    this.inputDtypeName = standardizeDtype(dtype ?? 'float32');
    this.sparse = Boolean(sparse);
    if (this.sparse) throw new ValueError('sparse=true is not supported: tfjs backends have no sparse tensors.');
    this.ragged = Boolean(args.ragged);
    if (this.ragged) throw new ValueError('ragged=true is not supported: tfjs backends have no ragged tensors.');
    this.optional = args.optional ?? false;
    const output = tensor ?? new KerasTensor(this.batchShape, { dtype: this.inputDtypeName, sparse: this.sparse, name: args.name ?? undefined });
    new Node(this, [], {}, output);
    this.built = true;
  }

  /** The dtype of the input tensor. */
  override get dtype(): DataType {
    return this.inputDtypeName;
  }

  override call(): never {
    throw new ValueError(`InputLayer "${this.name}" is not meant to be called: use its output (or Input()) as a model input.`);
  }

  override getConfig(): Record<string, unknown> {
    return { batchShape: this.batchShape, dtype: this.inputDtypeName, sparse: this.sparse, ragged: this.ragged, name: this.name, optional: this.optional };
  }

  override toString(): string {
    return `<InputLayer name=${this.name}, batchShape=${shapeToString(this.batchShape)}>`;
  }
}
registerLayer(InputLayer);

/** Options of `Input`. */
export type InputArgs = Omit<InputLayerArgs, 'inputTensor' | 'batchInputShape' | 'inputShape' | 'trainable'> & {
  /** Wrap an existing symbolic tensor. */
  tensor?: KerasTensor | null;
};

/**
 * A symbolic input tensor, as `keras.Input`: the start of a functional model (or the first entry of a
 * `Sequential`).
 *
 * @example
 * const x = Input({ shape: [28, 28, 1] });           // KerasTensor [null, 28, 28, 1]
 * const ids = Input({ shape: [null], dtype: 'int32', name: 'ids' });
 */
export function Input(args: InputArgs): KerasTensor {
  const { tensor, ...rest } = args;
  const layer = new InputLayer({ ...rest, inputTensor: tensor ?? null });
  return layer.output as KerasTensor;
}
