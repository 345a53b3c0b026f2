import type { Tensor } from '@strata/core';
import { standardizeDataFormat, type DataFormat } from '../convolutional/arguments.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';

/** Options of the global pooling layers. */
export interface BaseGlobalPoolingArgs extends LayerArgs {
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
  /** Whether to keep the pooled spatial dimensions with size 1 (default false). */
  keepdims?: boolean;
}

/**
 * The global max and average pooling layers in 1, 2 and 3 dimensions, as Keras' `BaseGlobalPooling`: the maximum (or
 * mean) over every spatial position, per channel.
 */
export abstract class BaseGlobalPooling extends Layer {
  static override className = 'BaseGlobalPooling';

  readonly poolDimensions: number;
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(poolDimensions: number, args: BaseGlobalPoolingArgs = {}) {
    super(args);
    this.poolDimensions = poolDimensions;
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.keepdims = args.keepdims ?? false;
    this.inputSpec = new InputSpec({ ndim: poolDimensions + 2 });
    this.buildAtInit();
  }

  /** The spatial axes of the input. */
  protected get spatialAxes(): number[] {
    const first = this.dataFormat === 'channels_last' ? 1 : 2;
    return Array.from({ length: this.poolDimensions }, (_, i) => first + i);
  }

  abstract override call(inputs: Tensor, kwargs?: CallArgs): Tensor;

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    const batch = inputShape[0] ?? null;
    const ones = Array.from({ length: this.poolDimensions }, () => 1);
    if (this.dataFormat === 'channels_last') {
      const channels = inputShape[inputShape.length - 1] ?? null;
      return this.keepdims ? [batch, ...ones, channels] : [batch, channels];
    }
    const channels = inputShape[1] ?? null;
    return this.keepdims ? [batch, channels, ...ones] : [batch, channels];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepdims };
  }
}
