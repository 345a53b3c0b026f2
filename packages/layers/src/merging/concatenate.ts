import { ops, ValueError, type Tensor } from '@strata/core';
import type { CallArgs } from '../engine/layer.js';
import { shapeToString, type Shape, type ShapeStructure } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';
import { describeInputs, Merge, type MergeArgs } from './merge.js';

/** Options of `Concatenate`. */
export interface ConcatenateArgs extends MergeArgs {
  /** The axis to concatenate along (default -1). */
  axis?: number;
}

/**
 * Concatenates a list of inputs along `axis`, as `keras.layers.Concatenate`. The inputs must have the same rank
 * and the same size on every other axis. Masks are concatenated too (an unmasked input counts as all true).
 *
 * Arguments: `axis`.
 *
 * Input shape: a list of shapes equal except on `axis`. Output shape: the same, with the `axis` sizes summed.
 *
 * @example
 * new Concatenate({ axis: 1 }).apply([ops.ones([2, 2, 5]), ops.ones([2, 1, 5])]).shape; // [2, 3, 5]
 */
export class Concatenate extends Merge {
  static override className = 'Concatenate';

  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new ValueError(`Argument "axis" of Concatenate must be an integer. Received: axis=${JSON.stringify(args.axis)}`);
    this.axis = axis;
  }

  override build(inputShape: ShapeStructure | null): void {
    this.checkShapes(this.shapeList(inputShape, 'input_shape'));
  }

  override call(inputs: Tensor[], kwargs: CallArgs = {}): Tensor {
    void kwargs;
    if (!Array.isArray(inputs)) {
      throw new ValueError(`A Concatenate layer should be called on a list of inputs. Layer "${this.name}" received: ${describeInputs(inputs)}`);
    }
    this.checkShapes(inputs.map((x) => [...x.shape]));
    return ops.concat(inputs, this.axis);
  }

  override computeOutputShape(inputShape: Shape[]): Shape {
    const shapes = this.shapeList(inputShape, 'input_shape');
    this.checkShapes(shapes);
    const out = [...shapes[0]!];
    const axis = this.axis < 0 ? out.length + this.axis : this.axis;
    out[axis] = shapes.some((s) => s[axis] == null) ? null : shapes.reduce((n, s) => n + (s[axis] as number), 0);
    return out;
  }

  /** The concatenated masks reduced over the last axis, or null when no input is masked (as Keras). */
  override computeMask(inputs: Tensor[], mask: unknown): Tensor | null {
    if (mask == null) return null;
    if (!Array.isArray(mask) || !Array.isArray(inputs) || mask.length !== inputs.length) {
      throw new ValueError(`Layer "${this.name}": "inputs" and "mask" should be lists of the same length.`);
    }
    if (mask.every((m) => m == null)) return null;
    const full = inputs.map((x, i) => {
      const m = mask[i] as Tensor | null;
      if (m == null) return ops.cast(ops.onesLike(x), 'bool');
      const b = m.dtype === 'bool' ? m : ops.cast(m, 'bool');
      return b.rank < x.rank ? ops.broadcastTo(ops.expandDims(b, -1), x.shape) : b;
    });
    return ops.any(ops.concat(full, this.axis), -1);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }

  private checkShapes(shapes: Shape[]): void {
    const fail = (): never => {
      throw new ValueError(
        `A Concatenate layer requires inputs with matching shapes except for the concatenation axis. ` +
          `Layer "${this.name}" (axis=${this.axis}) received: input_shape=[${shapes.map(shapeToString).join(', ')}]`,
      );
    };
    const rank = shapes[0]!.length;
    if (shapes.some((s) => s.length !== rank)) fail();
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis < 0 || axis >= rank) {
      throw new ValueError(`Layer "${this.name}": axis ${this.axis} is out of bounds for inputs of rank ${rank}. Received: input_shape=[${shapes.map(shapeToString).join(', ')}]`);
    }
    for (let d = 0; d < rank; d++) {
      if (d === axis) continue;
      const sizes = new Set(shapes.map((s) => s[d]).filter((v) => v != null));
      if (sizes.size > 1) fail();
    }
  }
}
registerLayer(Concatenate);
