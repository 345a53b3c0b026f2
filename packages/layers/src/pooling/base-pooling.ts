import { ops, ValueError, type Tensor } from '@strata/core';
import {
  standardizeDataFormat, standardizeTuple, type DataFormat, type IntOrTuple,
} from '../convolutional/arguments.js';
import { spatialDims, tupleString, withSpatial } from '../convolutional/conv-shapes.js';
import { as2d, inChannelsLast } from '../convolutional/layout.js';
import { InputSpec } from '../engine/input-spec.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { averagePooling, maxPooling } from './pool.js';

/** Options of the max and average pooling layers. */
export interface BasePoolingArgs extends LayerArgs {
  /** Size of the pooling window: an int or one int per spatial dimension (default 2). */
  poolSize?: IntOrTuple;
  /** Step of the window (default: `poolSize`). */
  strides?: IntOrTuple | null;
  /** `'valid'` (default: windows inside the input) or `'same'` (padded so the output has `ceil(size / stride)` steps). */
  padding?: 'valid' | 'same' | string;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | string | null;
}

/** Keras' `compute_pooling_output_shape`, with its error when a size would be zero or negative. */
export function computePoolingOutputShape(
  inputShape: ReadonlyArray<number | null>, poolSize: number[], strides: number[], padding: string, dataFormat: DataFormat,
): Shape {
  const spatial = spatialDims(inputShape, dataFormat).map((size, i) => {
    if (size === null) return null;
    if (padding === 'same') return Math.floor((size - 1) / strides[i]!) + 1;
    const n = Math.floor((size - poolSize[i]!) / strides[i]!) + 1;
    if (n <= 0) {
      throw new ValueError(
        `Computed output size would be zero or negative. Received: \`inputs.shape=${tupleString(inputShape)}\`, ` +
          `\`pool_size=[${poolSize.join(' ')}]\`, \`strides=${tupleString(strides)}\`, \`padding=${padding}\`.`,
      );
    }
    return n;
  });
  const channels = dataFormat === 'channels_last' ? inputShape[inputShape.length - 1]! : inputShape[1]!;
  return withSpatial(inputShape[0] ?? null, spatial, channels, dataFormat);
}

/**
 * The max and average pooling layers in 1, 2 and 3 dimensions, as Keras' `BasePooling`: each output is the maximum
 * (or the mean) of a `poolSize` window of the input; windows move by `strides`. With `'same'` padding, averages count
 * only the positions inside the input (as TensorFlow and Keras do).
 */
export abstract class BasePooling extends Layer {
  static override className = 'BasePooling';

  readonly poolDimensions: number;
  readonly poolMode: 'max' | 'average';
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;

  constructor(poolDimensions: number, poolMode: 'max' | 'average', args: BasePoolingArgs = {}) {
    super(args);
    this.poolDimensions = poolDimensions;
    this.poolMode = poolMode;
    this.poolSize = standardizeTuple(args.poolSize ?? 2, poolDimensions, 'pool_size');
    this.strides = standardizeTuple(args.strides ?? this.poolSize, poolDimensions, 'strides', true);
    const padding = String(args.padding ?? 'valid').toLowerCase();
    if (padding !== 'valid' && padding !== 'same') {
      throw new ValueError(`Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${String(args.padding)}`);
    }
    this.padding = padding;
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.inputSpec = new InputSpec({ ndim: poolDimensions + 2 });
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    this.computeOutputShape(inputs.shape);
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const lift = (v: number[]): number[] => (this.poolDimensions === 1 ? [1, ...v] : v);
    const size = lift(this.poolSize);
    const strides = lift(this.strides);
    const pool = this.poolMode === 'max' ? maxPooling : averagePooling;
    return inChannelsLast(x, this.dataFormat, (y) => as2d(y, (y2d) => pool(y2d, size, strides, this.padding)));
  }

  override computeOutputShape(inputShape: ReadonlyArray<number | null>): Shape {
    return computePoolingOutputShape(inputShape, this.poolSize, this.strides, this.padding, this.dataFormat);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: this.poolSize, padding: this.padding, strides: this.strides, dataFormat: this.dataFormat };
  }
}
