import { ops, ValueError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { getKerasMask } from '../engine/masking.js';
import { isShape, shapeToString, type Shape, type ShapeStructure } from '../engine/shape.js';

/** Options of `Merge` and of the element-wise merge layers (`Add`, `Multiply`…): the standard layer options. */
export type MergeArgs = LayerArgs;

/**
 * The base of the element-wise merge layers, as Keras' `Merge` (`layers/merging/base_merge.py`): it takes a list of
 * tensors, checks that their shapes broadcast together (same batch size; per axis equal, 1 or unknown), expands
 * lower-rank inputs at axis 1 until the ranks agree, and ORs the input masks. Subclasses implement
 * `mergeFunction`.
 *
 * Input shape: a list of shapes that broadcast together. Output shape: their broadcast shape.
 *
 * @example
 * class Difference extends Merge {
 *   static override className = 'Difference';
 *   protected override mergeFunction([a, b]: Tensor[]) { return ops.abs(ops.sub(a!, b!)); }
 * }
 */
export class Merge extends Layer {
  static override className = 'Merge';

  /** Whether inputs of different ranks must be expanded at axis 1 before merging (set by `build`). */
  protected reshapeRequired = false;

  constructor(args: MergeArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** Merges inputs of equal rank; `masks[i]` is input i's mask (null when it has none). */
  protected mergeFunction(inputs: Tensor[], masks: Array<Tensor | null>): Tensor {
    void inputs;
    void masks;
    throw new ValueError(`Layer "${this.name}" (${this.constructor.name}) must implement mergeFunction().`);
  }

  override build(inputShape: ShapeStructure | null): void {
    const shapes = this.shapeList(inputShape, 'input_shape');
    if (shapes.length < 1) {
      throw new ValueError(`A merge layer should be called on a list of at least 1 input. Layer "${this.name}" received 0 inputs.`);
    }
    this.outputShapeOf(shapes);
    this.reshapeRequired = new Set(shapes.map((s) => s.length)).size !== 1;
  }

  override call(inputs: Tensor[], kwargs: CallArgs = {}): Tensor {
    if (!Array.isArray(inputs)) {
      throw new ValueError(`A merge layer should be called on a list of inputs. Layer "${this.name}" received: ${describeInputs(inputs)} (not a list of tensors)`);
    }
    this.outputShapeOf(inputs.map((x) => [...x.shape]));
    const masks = this.inputMasks(inputs, kwargs.mask);
    if (!this.reshapeRequired) return this.mergeFunction(inputs, masks);
    const maxRank = Math.max(...inputs.map((x) => x.rank));
    const expanded = inputs.map((x) => {
      let y = x;
      for (let r = x.rank; r < maxRank; r++) y = ops.expandDims(y, 1);
      return y;
    });
    // An expanded input is a new tensor: as in Keras, its mask does not follow it.
    return this.mergeFunction(expanded, masks.map((m, i) => (expanded[i] === inputs[i] ? m : null)));
  }

  override computeOutputShape(inputShape: Shape[]): Shape {
    return this.outputShapeOf(this.shapeList(inputShape, 'input_shape'));
  }

  /** The OR of the input masks, or null unless every input has one (Keras' default for element-wise merges). */
  override computeMask(inputs: Tensor[], mask: unknown): Tensor | null {
    if (mask == null) return null;
    if (!Array.isArray(mask)) throw new ValueError(`Layer "${this.name}": "mask" should be a list. Received: mask=${String(mask)}`);
    if (!Array.isArray(inputs) || mask.length !== inputs.length) {
      throw new ValueError(`Layer "${this.name}": the lists "inputs" and "mask" should have the same length. Received ${Array.isArray(inputs) ? inputs.length : 1} inputs and ${mask.length} masks.`);
    }
    if (mask.some((m) => m == null)) return null;
    return (mask as Tensor[]).slice(1).reduce((acc, m) => ops.logicalOr(acc, m), mask[0] as Tensor);
  }

  /** The masks of the inputs: the explicit `mask` list if given, else each input's attached mask. */
  protected inputMasks(inputs: Tensor[], mask: unknown): Array<Tensor | null> {
    if (Array.isArray(mask) && mask.length === inputs.length) return mask.map((m) => (m == null ? null : (m as Tensor)));
    return inputs.map((x) => getKerasMask(x) as Tensor | null);
  }

  /** Validates a list of input shapes and returns it. */
  protected shapeList(inputShape: unknown, label: string): Shape[] {
    if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((s) => isShape(s))) {
      throw new ValueError(
        `A merge layer should be called on a list of inputs. Layer "${this.name}" received: ${label}=${JSON.stringify(inputShape)} (not a list of shapes)`,
      );
    }
    return inputShape as Shape[];
  }

  /** The broadcast output shape of `shapes` (batch included); throws naming the layer and the shapes. */
  protected outputShapeOf(shapes: Shape[]): Shape {
    const batches = new Set(shapes.map((s) => s[0]).filter((d): d is number => d != null));
    if (batches.size > 1) {
      throw new ValueError(`Layer "${this.name}" cannot merge tensors with different batch sizes. Received tensors with shapes ${shapes.map(shapeToString).join(', ')}`);
    }
    let out: Shape = shapes[0]!.slice(1);
    for (const s of shapes.slice(1)) out = this.broadcastShapes(out, s.slice(1), shapes);
    return [batches.size === 1 ? [...batches][0]! : null, ...out];
  }

  private broadcastShapes(a: Shape, b: Shape, all: Shape[]): Shape {
    const [long, short] = a.length >= b.length ? [a, b] : [b, a];
    if (short.length === 0) return [...long];
    const lead = long.slice(0, long.length - short.length);
    const tail = long.slice(long.length - short.length).map((i, k) => {
      const j = short[k]!;
      if (i === null || j === null) return null;
      if (i === 1) return j;
      if (j === 1 || i === j) return i;
      throw new ValueError(
        `Inputs of layer "${this.name}" have incompatible shapes: cannot broadcast ${shapeToString(a)} and ${shapeToString(b)} ` +
          `(without the batch axis). Received shapes ${all.map(shapeToString).join(', ')}`,
      );
    });
    return [...lead, ...tail];
  }
}

/** How error messages show a layer's inputs. */
export function describeInputs(inputs: unknown): string {
  if (Array.isArray(inputs)) return `[${inputs.map(describeInputs).join(', ')}]`;
  if (inputs && typeof inputs === 'object' && 'shape' in inputs) return `tensor of shape ${shapeToString((inputs as Tensor).shape)}`;
  return String(inputs);
}

/** Broadcasts a mask of shape `x.shape[:-1]` (or `x.shape`) to `x.shape`, as bools. */
export function broadcastMask(mask: Tensor, x: Tensor): Tensor {
  const m = mask.dtype === 'bool' ? mask : ops.cast(mask, 'bool');
  return ops.broadcastTo(m.rank < x.rank ? ops.expandDims(m, -1) : m, x.shape);
}
