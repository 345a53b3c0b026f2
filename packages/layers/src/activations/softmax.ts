import { activations, ops, ValueError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { shapeToString, type Shape } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** Options of `Softmax`. */
export interface SoftmaxArgs extends LayerArgs {
  /** The axis, or axes, to normalize over (default -1). */
  axis?: number | number[];
}

/** What Keras puts at masked positions before the softmax (float32). */
const LARGE_NEGATIVE = -1e9;

/**
 * Softmax activation, as `keras.layers.Softmax`: `exp(x) / sum(exp(x))` over `axis` (one axis or several). A `mask`
 * (true = keep; numbers > 0.5 count as true) that broadcasts to the inputs sets masked positions to a large negative
 * number before the softmax and to 0 after it.
 *
 * Arguments: `axis`. Call arguments: `mask`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * new Softmax().apply(ops.tensor([[1, 1]])); // [[0.5, 0.5]]
 * new Softmax().apply(ops.tensor([[1, 1, 1]]), { mask: ops.tensor([[true, true, false]]) }); // [[0.5, 0.5, 0]]
 */
export class Softmax extends Layer {
  static override className = 'Softmax';

  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    this._callHasMaskArg = true;
    const axis = args.axis ?? -1;
    const valid = Array.isArray(axis) ? axis.length > 0 && axis.every((a) => Number.isInteger(a)) : Number.isInteger(axis);
    if (!valid) throw new ValueError(`Argument "axis" of Softmax must be an integer or a list of integers. Received: axis=${JSON.stringify(args.axis)}`);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    const mask = this.checkedMask(inputs, kwargs.mask);
    let x = inputs;
    if (mask) x = ops.where(mask, x, ops.scalar(LARGE_NEGATIVE, x.dtype));
    let outputs: Tensor;
    if (Array.isArray(this.axis) && this.axis.length > 1) {
      outputs = ops.exp(ops.sub(x, ops.logSumExp(x, this.axis, true)));
    } else {
      outputs = activations.softmax(x, Array.isArray(this.axis) ? this.axis[0]! : this.axis);
    }
    if (mask) outputs = ops.where(mask, outputs, ops.scalar(0, outputs.dtype));
    return outputs;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }

  private checkedMask(inputs: Tensor, mask: unknown): Tensor | null {
    if (mask == null) return null;
    const m = mask as Tensor;
    const broadcastable = m.rank <= inputs.rank && m.shape.every((d, i) => {
      const j = inputs.rank - m.rank + i;
      return d === 1 || d === inputs.shape[j];
    });
    if (!broadcastable) {
      throw new ValueError(
        `Softmax "${this.name}": the mask must be broadcastable to the inputs (each mask dimension 1 or equal to the input's, ` +
          `no more dimensions). Received: inputs.shape=${shapeToString(inputs.shape)}, mask.shape=${shapeToString(m.shape)}`,
      );
    }
    return m.dtype === 'bool' ? m : ops.greater(m, ops.scalar(0.5, m.dtype));
  }
}
registerLayer(Softmax);
