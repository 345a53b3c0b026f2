/**
 * `KerasTensor`: a symbolic tensor (shape with unknown dimensions as null, dtype), what `Input()` returns and what
 * layers return when applied to symbolic inputs. Its `kerasHistory` records the layer call that produced it.
 */
import { standardizeDtype, type DataType } from '@strata/core';
import type { Layer } from './layer.js';
import { autoName } from './naming.js';
import { shapeToString, standardizeShape, type Shape } from './shape.js';

/** Which layer call produced a symbolic tensor: the layer, the index of its inbound node, the output index. */
export interface KerasHistory {
  operation: Layer;
  nodeIndex: number;
  tensorIndex: number;
}

/** Options of a `KerasTensor`. */
export interface KerasTensorOptions {
  dtype?: string;
  sparse?: boolean;
  name?: string;
}

/**
 * A symbolic tensor, as `keras.KerasTensor`: a shape (null for unknown dimensions) and a dtype, without values.
 *
 * @example
 * const x = Input({ shape: [784] }); // KerasTensor shape [null, 784], dtype float32
 * const y = new Dense({ units: 10 }).apply(x); // KerasTensor shape [null, 10]
 */
export class KerasTensor {
  readonly shape: Shape;
  readonly dtype: DataType;
  readonly sparse: boolean;
  readonly name: string;
  /** The layer call that produced this tensor (set by `Node`); undefined for free symbolic tensors. */
  kerasHistory?: KerasHistory;

  constructor(shape: ReadonlyArray<number | null>, options: KerasTensorOptions = {}) {
    this.shape = standardizeShape(shape);
    this.dtype = standardizeDtype(options.dtype ?? 'float32');
    this.sparse = options.sparse ?? false;
    this.name = options.name ?? autoName('KerasTensor');
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `<KerasTensor shape=${shapeToString(this.shape)}, dtype=${this.dtype}, name=${this.name}>`;
  }
}

/** Whether `x` is a symbolic tensor. */
export function isKerasTensor(x: unknown): x is KerasTensor {
  return x instanceof KerasTensor;
}
