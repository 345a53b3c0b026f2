import { Tensor } from '@strata/core';
import { KerasTensor } from '../engine/keras-tensor.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { mapStructure } from '../engine/nest.js';
import type { ShapeStructure } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Identity`. */
export type IdentityArgs = LayerArgs;

/**
 * Returns its input unchanged (any structure of tensors), as `keras.layers.Identity`: a placeholder when a layer is
 * needed but no computation is. Masks pass through.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * const x = ops.ones([2, 3]);
 * new Identity().apply(x) === x; // true
 */
export class Identity extends Layer {
  static override className = 'Identity';

  constructor(args: IdentityArgs = {}) {
    super(args);
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: unknown): unknown {
    return inputs;
  }

  override computeOutputShape(inputShape: ShapeStructure): ShapeStructure {
    return inputShape;
  }

  override computeOutputSpec(inputs: unknown): unknown {
    return mapStructure((x: unknown) => (x instanceof KerasTensor || x instanceof Tensor
      ? new KerasTensor([...x.shape], { dtype: x.dtype, sparse: x instanceof KerasTensor ? x.sparse : false })
      : x), inputs);
  }
}
registerLayer(Identity);
