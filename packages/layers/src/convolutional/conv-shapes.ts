/**
 * Output shapes and explicit paddings of convolutions, as Keras computes them (`compute_conv_output_shape`,
 * `compute_conv_transpose_output_shape` and the JAX backend's transposed-convolution padding).
 */
import { ValueError } from '@strata/core';
import type { Dim, Shape } from '../engine/shape.js';
import type { DataFormat, PaddingMode } from './arguments.js';

/** `[before, after]` padding of one spatial dimension. */
export type Pad = [number, number];

/** Python's tuple notation for messages: `(2, 6, 4)`, `(None, 6)`. */
export function tupleString(values: ReadonlyArray<Dim>): string {
  return `(${values.map((v) => (v === null ? 'None' : String(v))).join(', ')}${values.length === 1 ? ',' : ''})`;
}

/** The spatial dimensions of a shape in `dataFormat`. */
export function spatialDims(shape: ReadonlyArray<Dim>, dataFormat: DataFormat): Dim[] {
  return dataFormat === 'channels_last' ? shape.slice(1, -1) : shape.slice(2);
}

/** The channels dimension of a shape in `dataFormat`. */
export function channelDim(shape: ReadonlyArray<Dim>, dataFormat: DataFormat): Dim {
  return dataFormat === 'channels_last' ? shape[shape.length - 1]! : shape[1]!;
}

/** A shape from its batch, spatial and channel dimensions, in `dataFormat`. */
export function withSpatial(batch: Dim, spatial: Dim[], channels: Dim, dataFormat: DataFormat): Shape {
  return dataFormat === 'channels_last' ? [batch, ...spatial, channels] : [batch, channels, ...spatial];
}

/** The extent of a dilated kernel: `(k - 1) * d + 1`. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/**
 * TensorFlow's (and XLA's) `'same'` padding of one dimension: the output has `ceil(size / stride)` positions and the
 * odd padding goes after.
 */
export function samePad(size: number, kernel: number, stride: number, dilation = 1): Pad {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + effectiveKernel(kernel, dilation) - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** The explicit padding of every spatial dimension for `'valid'` or `'same'`. */
export function explicitPads(spatial: number[], kernel: number[], strides: number[], dilation: number[], padding: 'valid' | 'same'): Pad[] {
  return spatial.map((size, i) => (padding === 'valid' ? [0, 0] : samePad(size, kernel[i]!, strides[i]!, dilation[i]!)));
}

/**
 * Keras' `compute_conv_output_shape`: `[batch, …spatial, filters]` (or channels first), with the same error when an
 * output size would be zero or negative.
 */
export function computeConvOutputShape(
  inputShape: ReadonlyArray<Dim>, filters: Dim, kernelSize: number[], strides: number[], padding: PaddingMode,
  dataFormat: DataFormat, dilation: number[],
): Shape {
  const spatial = spatialDims(inputShape, dataFormat);
  if (spatial.length !== kernelSize.length) {
    const kernelShape = [...kernelSize, channelDim(inputShape, dataFormat), filters];
    throw new ValueError(`Kernel shape must have the same length as input, but received kernel of shape ${tupleString(kernelShape)} and input of shape ${tupleString(inputShape)}.`);
  }
  const out = spatial.map((size, i) => {
    if (size === null) return null;
    if (padding !== 'valid') return Math.floor((size - 1) / strides[i]!) + 1;
    const n = Math.floor((size - effectiveKernel(kernelSize[i]!, dilation[i]!)) / strides[i]!) + 1;
    if (n <= 0) {
      const kernelShape = [...kernelSize, channelDim(inputShape, dataFormat), filters];
      throw new ValueError(
        `Computed output size would be zero or negative. Received \`inputs shape=${tupleString(inputShape)}\`, ` +
          `\`kernel shape=${tupleString(kernelShape)}\`, \`dilation_rate=[${dilation.join(' ')}]\`, ` +
          `\`strides=${tupleString(strides)}\`, \`padding=${padding}\`.`,
      );
    }
    return n;
  });
  return withSpatial(inputShape[0] ?? null, out, filters, dataFormat);
}

/**
 * The padding Keras' JAX backend gives `jax.lax.conv_transpose` for one dimension: the stride-dilated input is padded
 * by `[before, after]` and convolved (stride 1) with the flipped, dilated kernel.
 */
export function transposePad(kernel: number, stride: number, dilation: number, padding: 'valid' | 'same', outputPadding: number | null): Pad {
  const k = effectiveKernel(kernel, dilation);
  if (padding === 'valid') {
    const extra = outputPadding ?? Math.max(k, stride) - k;
    return [k - 1, k - 1 + extra];
  }
  const total = outputPadding === null ? stride + k - 2 : k + (k % 2) - 2 + outputPadding;
  const before = Math.min(Math.floor(total / 2) + (total % 2), k - 1);
  return [before, total - before];
}

/** The output size of a transposed convolution along one dimension, as Keras computes it. */
export function transposeOutputLength(size: number, kernel: number, stride: number, dilation: number, padding: 'valid' | 'same', outputPadding: number | null): number {
  const [before, after] = transposePad(kernel, stride, dilation, padding, outputPadding);
  return (size - 1) * stride + 1 + before + after - effectiveKernel(kernel, dilation) + 1;
}

/** Keras' `compute_conv_transpose_output_shape`. */
export function computeConvTransposeOutputShape(
  inputShape: ReadonlyArray<Dim>, filters: number, kernelSize: number[], strides: number[], padding: 'valid' | 'same',
  outputPadding: number[] | null, dataFormat: DataFormat, dilation: number[],
): Shape {
  const spatial = spatialDims(inputShape, dataFormat).map((size, i) =>
    size === null ? null : transposeOutputLength(size, kernelSize[i]!, strides[i]!, dilation[i]!, padding, outputPadding?.[i] ?? null));
  return withSpatial(inputShape[0] ?? null, spatial, filters, dataFormat);
}
