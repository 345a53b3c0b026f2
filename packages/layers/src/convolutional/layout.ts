/**
 * Layout changes around the channels-last ops: channels first ↔ last, and 1D data as 2D with a unit height.
 */
import { ops, type Tensor } from '@strata/core';
import type { DataFormat } from './arguments.js';

/** `[batch, channels, …spatial]` → `[batch, …spatial, channels]`. */
export function toChannelsLast(x: Tensor): Tensor {
  return ops.transpose(x, [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1]);
}

/** `[batch, …spatial, channels]` → `[batch, channels, …spatial]`. */
export function toChannelsFirst(x: Tensor): Tensor {
  return ops.transpose(x, [0, x.rank - 1, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 1)]);
}

/**
 * Runs a channels-last computation on `x` given in `dataFormat`, transposing in and out for channels-first data.
 *
 * @example
 * inChannelsLast(x, 'channels_first', (y) => ops.maxPool(y, 2, 2, 'valid'));
 */
export function inChannelsLast(x: Tensor, dataFormat: DataFormat, fn: (x: Tensor) => Tensor): Tensor {
  if (dataFormat === 'channels_last') return fn(x);
  return toChannelsFirst(fn(toChannelsLast(x)));
}

/**
 * Runs a 2D channels-last computation on channels-last 1D data `[batch, steps, channels]`, as `[batch, 1, steps,
 * channels]`; other ranks pass through.
 */
export function as2d(x: Tensor, fn: (x: Tensor) => Tensor): Tensor {
  if (x.rank !== 3) return fn(x);
  return ops.squeeze(fn(ops.expandDims(x, 1)), [1]);
}
