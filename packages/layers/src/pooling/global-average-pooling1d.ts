import { ops, type Tensor } from '@strata/core';
import type { CallArgs } from '../engine/layer.js';
import { registerLayer } from '../serialization.js';
import { BaseGlobalPooling, type BaseGlobalPoolingArgs } from './base-global-pooling.js';

/** Options of `GlobalAveragePooling1D`. */
export type GlobalAveragePooling1DArgs = BaseGlobalPoolingArgs;

/**
 * Global average pooling for temporal data, as `keras.layers.GlobalAveragePooling1D`: the mean over every step, per
 * channel. With a mask (from an `Embedding` with `maskZero` or a `Masking` layer), masked steps are left out of the
 * mean.
 *
 * Arguments: `dataFormat`, `keepdims` (keep the pooled dimensions with size 1).
 *
 * Input shape: `[batch, steps, channels]` (channels last) or `[batch, channels, steps]`.
 * Output shape: `[batch, channels]`, or with `keepdims` the input shape with every spatial size 1.
 *
 * @example
 * new GlobalAveragePooling1D().apply(ops.ones([4, 10, 8])).shape; // [4, 8]
 */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling1D';

  constructor(args: GlobalAveragePooling1DArgs = {}) {
    super(1, args);
    this._callHasMaskArg = true;
    this.supportsMasking = true;
  }

  /** The mean over the steps; with a `[batch, steps]` mask, over the unmasked steps only. */
  override call(inputs: Tensor, kwargs: CallArgs = {}): Tensor {
    const mask = kwargs.mask as Tensor | null | undefined;
    if (mask == null) return ops.mean(inputs, this.spatialAxes, this.keepdims);
    const steps = this.spatialAxes[0]!;
    const weights = ops.expandDims(ops.cast(mask, inputs.dtype), this.dataFormat === 'channels_last' ? 2 : 1);
    const masked = ops.where(ops.cast(weights, 'bool'), inputs, ops.zerosLike(inputs));
    return ops.div(ops.sum(masked, steps, this.keepdims), ops.sum(weights, steps, this.keepdims));
  }

  /** Pooling removes the steps, so no mask follows. */
  override computeMask(inputs: unknown, mask?: unknown): null {
    void inputs;
    void mask;
    return null;
  }
}
registerLayer(GlobalAveragePooling1D, ['GlobalAvgPool1D']);
