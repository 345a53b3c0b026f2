import { ops, ValueError, type Tensor } from '@strata/core';
import { InputSpec } from '../engine/input-spec.js';
import { KerasTensor } from '../engine/keras-tensor.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Flatten`. */
export interface FlattenArgs extends LayerArgs {
  /** `'channels_last'` (default) or `'channels_first'`: the latter moves channels last before flattening, so the
   * result matches a channels-last model's. */
  dataFormat?: 'channels_last' | 'channels_first' | null;
}

/**
 * Flattens the input to `[batch, features]`, keeping the batch axis, as `keras.layers.Flatten`.
 *
 * Arguments: `dataFormat`.
 *
 * Input shape: `[batch, …]`. Output shape: `[batch, product of the other dimensions]` (`[batch, 1]` for rank 1).
 *
 * @example
 * new Flatten().apply(ops.ones([2, 3, 4])).shape; // [2, 12]
 */
export class Flatten extends Layer {
  static override className = 'Flatten';

  readonly dataFormat: 'channels_last' | 'channels_first';

  constructor(args: FlattenArgs = {}) {
    super(args);
    const format = args.dataFormat ?? 'channels_last';
    if (format !== 'channels_last' && format !== 'channels_first') {
      throw new ValueError(`The "dataFormat" argument must be one of "channels_first", "channels_last". Received: ${JSON.stringify(args.dataFormat)}`);
    }
    this.dataFormat = format;
    this.inputSpec = new InputSpec({ minNdim: 1 });
  }

  override call(inputs: Tensor): Tensor {
    const rank = inputs.rank;
    let x = inputs;
    if (this.dataFormat === 'channels_first' && rank > 1) {
      x = ops.transpose(x, [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1]);
    }
    const rest = inputs.shape.slice(1);
    const flat = rest.length === 0 ? 1 : rest.reduce((a, b) => a * b, 1);
    return ops.reshape(x, [inputs.shape[0]!, flat]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    const flat = rest.length === 0 ? 1 : rest.some((d) => d === null) ? null : (rest as number[]).reduce((a, b) => a * b, 1);
    return [inputShape[0] ?? null, flat];
  }

  override computeOutputSpec(inputs: KerasTensor): KerasTensor {
    return new KerasTensor(this.computeOutputShape(inputs.shape), { dtype: inputs.dtype, sparse: inputs.sparse });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}
registerLayer(Flatten);
