import { ops, ValueError, type Tensor } from '@strata/core';
import { InputSpec } from '../engine/input-spec.js';
import { KerasTensor } from '../engine/keras-tensor.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Permute`. */
export interface PermuteArgs extends LayerArgs {
  /** The permutation of the non-batch axes, 1-based: `[2, 1]` swaps the first two. */
  dims: ReadonlyArray<number>;
}

/**
 * Permutes the non-batch axes of the input, as `keras.layers.Permute`.
 *
 * Arguments: `dims` (1-based; the batch axis stays first).
 *
 * Input shape: rank `dims.length + 1`. Output shape: the input's axes reordered by `dims`.
 *
 * @example
 * new Permute({ dims: [2, 1] }).apply(ops.ones([5, 10, 64])).shape; // [5, 64, 10]
 */
export class Permute extends Layer {
  static override className = 'Permute';

  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const dims = args?.dims;
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : null;
    if (!sorted || !sorted.every((d, i) => d === i + 1)) {
      throw new ValueError(
        `Invalid permutation argument "dims" for Permute layer. The set of indices in "dims" must be consecutive and start from 1. Received dims=${JSON.stringify(dims)}`,
      );
    }
    this.dims = [...dims!];
    this.inputSpec = new InputSpec({ ndim: this.dims.length + 1 });
  }

  override call(inputs: Tensor): Tensor {
    return ops.transpose(inputs, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }

  override computeOutputSpec(inputs: KerasTensor): KerasTensor {
    return new KerasTensor(this.computeOutputShape(inputs.shape), { dtype: inputs.dtype, sparse: inputs.sparse });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dims: [...this.dims] };
  }
}
registerLayer(Permute);
