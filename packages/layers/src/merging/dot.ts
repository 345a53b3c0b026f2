import { ops, ValueError, type Tensor } from '@strata/core';
import type { CallArgs } from '../engine/layer.js';
import { shapeToString, type Shape, type ShapeStructure } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { batchDot } from './batch-dot.js';
import { describeInputs, Merge, type MergeArgs } from './merge.js';

/** Options of `Dot`. */
export interface DotArgs extends MergeArgs {
  /** The axis of both inputs to take the dot product over, or one axis per input (`[1, 2]`); never 0 (the batch). */
  axes: number | [number, number];
  /** Whether to L2-normalize both inputs along their dot axes first, giving the cosine similarity (default false). */
  normalize?: boolean;
}

/**
 * The dot product of the samples of two inputs along `axes`, as `keras.layers.Dot` (Keras' `batch_dot`): for inputs
 * `[b, 3, 5]` and `[b, 10, 3]` with `axes: [1, 2]` the output is `[b, 5, 10]`; a rank-1 result becomes `[b, 1]`.
 *
 * Arguments: `axes`, `normalize`.
 *
 * Input shape: two shapes of rank ≥ 2 whose `axes` sizes match. Output shape: the first shape without its dot axis,
 * then the second without its batch and dot axes.
 *
 * @example
 * new Dot({ axes: 1 }).apply([ops.ones([2, 4]), ops.ones([2, 4])]); // [[4], [4]]
 */
export class Dot extends Merge {
  static override className = 'Dot';

  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const axes = args?.axes;
    if (typeof axes !== 'number') {
      if (!Array.isArray(axes)) throw new ValueError(`Invalid type for argument "axes": it should be a list or an int. Received: axes=${JSON.stringify(axes)}`);
      if (axes.length !== 2) throw new ValueError(`Invalid format for argument "axes": it should contain two elements. Received: axes=${JSON.stringify(axes)}`);
      if (!axes.every((a) => Number.isInteger(a))) throw new ValueError(`Invalid format for argument "axes": list elements should be integers. Received: axes=${JSON.stringify(axes)}`);
    } else if (!Number.isInteger(axes)) {
      throw new ValueError(`Invalid format for argument "axes": expected an integer. Received: axes=${axes}`);
    }
    this.axes = typeof axes === 'number' ? axes : [axes[0], axes[1]];
    this.normalize = args.normalize ?? false;
  }

  override build(inputShape: ShapeStructure | null): void {
    const shapes = this.twoShapes(inputShape);
    const [a0, a1] = this.resolveAxes(shapes[0].length, shapes[1].length);
    const d1 = shapes[0][a0];
    const d2 = shapes[1][a1];
    if (d1 != null && d2 != null && d1 !== d2) {
      throw new ValueError(
        `Layer "${this.name}" received incompatible input shapes: axis values ${d1} (at axis ${a0}) != ${d2} (at axis ${a1}). ` +
          `Full input shapes: ${shapeToString(shapes[0])}, ${shapeToString(shapes[1])}`,
      );
    }
  }

  override call(inputs: Tensor[], kwargs: CallArgs = {}): Tensor {
    void kwargs;
    if (!Array.isArray(inputs) || inputs.length !== 2) {
      throw new ValueError(`A Dot layer should be called on exactly 2 inputs. Layer "${this.name}" received: ${describeInputs(inputs)}`);
    }
    let [x1, x2] = inputs as [Tensor, Tensor];
    const axes = this.resolveAxes(x1.rank, x2.rank);
    if (this.normalize) {
      x1 = l2Normalize(x1, axes[0]);
      x2 = l2Normalize(x2, axes[1]);
    }
    return batchDot(x1, x2, axes, this.name);
  }

  override computeOutputShape(inputShape: Shape[]): Shape {
    const [s1, s2] = this.twoShapes(inputShape);
    const [a0, a1] = this.resolveAxes(s1.length, s2.length);
    const first = s1.filter((_, i) => i !== a0);
    const second = s2.filter((_, i) => i !== a1).slice(1);
    const out = [...first, ...second];
    return out.length === 1 ? [...out, 1] : out;
  }

  /** `Dot` outputs no mask. */
  override computeMask(): null {
    return null;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }

  private twoShapes(inputShape: unknown): [Shape, Shape] {
    const shapes = this.shapeList(inputShape, 'input_shape');
    if (shapes.length !== 2) {
      throw new ValueError(`A Dot layer should be called on a list of 2 inputs. Layer "${this.name}" received: input_shape=[${shapes.map(shapeToString).join(', ')}]`);
    }
    return [shapes[0]!, shapes[1]!];
  }

  private resolveAxes(rank1: number, rank2: number): [number, number] {
    const [a, b] = typeof this.axes === 'number' ? [this.axes, this.axes] : this.axes;
    const norm = (axis: number, rank: number): number => {
      const r = axis < 0 ? axis + rank : axis;
      if (r < 0 || r >= rank) throw new ValueError(`Layer "${this.name}": axis ${axis} is out of bounds for an input of rank ${rank}.`);
      return r;
    };
    return [norm(a, rank1), norm(b, rank2)];
  }
}
registerLayer(Dot);

/** `x / ||x||` along `axis`, as `keras.ops.normalize` (the inverse norm capped at 1e7). */
function l2Normalize(x: Tensor, axis: number): Tensor {
  const inv = ops.rsqrt(ops.sum(ops.square(x), axis, true));
  return ops.mul(x, ops.minimum(inv, ops.scalar(1e7, x.dtype)));
}
