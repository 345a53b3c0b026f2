import { ops, ValueError, type Tensor } from '@strata/core';
import { KerasTensor } from '../engine/keras-tensor.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { shapeToString, type Dim, type Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Reshape`. */
export interface ReshapeArgs extends LayerArgs {
  /** The output shape without the batch axis; one entry may be -1 (inferred from the rest). */
  targetShape: ReadonlyArray<number>;
}

/**
 * Reshapes each sample to `targetShape`, as `keras.layers.Reshape`; one `-1` entry is inferred.
 *
 * Arguments: `targetShape`.
 *
 * Input shape: `[batch, …]`. Output shape: `[batch, …targetShape]`.
 *
 * @example
 * new Reshape({ targetShape: [-1, 2] }).apply(ops.ones([5, 3, 4])).shape; // [5, 6, 2]
 */
export class Reshape extends Layer {
  static override className = 'Reshape';

  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const target = args?.targetShape;
    if (!Array.isArray(target) || !target.every((d) => Number.isInteger(d))) {
      throw new ValueError(`Argument "targetShape" of Reshape must be a list of integers. Received: targetShape=${JSON.stringify(target)}`);
    }
    if (target.some((d) => d < -1)) {
      throw new ValueError(`Each dimension in "targetShape" must be a non-negative integer, or -1 for a single unknown dimension. Received: targetShape=${JSON.stringify(target)}.`);
    }
    if (target.filter((d) => d === -1).length > 1) {
      throw new ValueError(`There must be at most one unknown dimension (-1) in "targetShape". Received: targetShape=${JSON.stringify(target)}.`);
    }
    this.targetShape = [...target];
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    const resolved = this.resolve(inputs.shape.slice(1)).map((d) => d ?? -1);
    return ops.reshape(inputs, [inputs.shape[0]!, ...resolved]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, ...this.resolve(inputShape.slice(1))];
  }

  override computeOutputSpec(inputs: KerasTensor): KerasTensor {
    return new KerasTensor(this.computeOutputShape(inputs.shape), { dtype: inputs.dtype, sparse: inputs.sparse });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }

  /** The target shape with its -1 resolved (null when the input has unknown dimensions). */
  private resolve(inputShape: ReadonlyArray<Dim>): Dim[] {
    const target = this.targetShape;
    if (inputShape.some((d) => d == null)) return target.map((d) => (d === -1 ? null : d));
    const size = (inputShape as number[]).reduce((a, b) => a * b, 1);
    const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const bad = (): never => {
      throw new ValueError(
        `Layer "${this.name}": the total size of the tensor must be unchanged. Received: input_shape=${shapeToString(inputShape)} ` +
          `(${size} values per sample), targetShape=${JSON.stringify(target)}`,
      );
    };
    if (!target.includes(-1)) return known === size ? [...target] : bad();
    if (known === 0 || size % known !== 0) bad();
    return target.map((d) => (d === -1 ? size / known : d));
  }
}
registerLayer(Reshape);
