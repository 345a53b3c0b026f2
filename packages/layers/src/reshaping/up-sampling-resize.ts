/**
 * Integer-factor resizing along one axis for the `UpSampling` layers, from ops whose gradients tfjs has (tfjs'
 * `ResizeBilinear` gradient ignores half-pixel centers, so bilinear upsampling is written out here).
 */
import { ops, type Tensor } from '@strata/core';

/** Repeats every element `factor` times along `axis` (`keras.ops.repeat`): nearest-neighbour upsampling. */
export function repeatAxis(x: Tensor, factor: number, axis: number): Tensor {
  if (factor === 1) return x;
  const shape = x.shape as number[];
  // Copies side by side, not tile or broadcastTo (which runs tile): tfjs differentiates tile only up to rank 4.
  const expanded = ops.expandDims(x, axis + 1);
  const copies = ops.concat(Array.from({ length: factor }, () => expanded), axis + 1);
  return ops.reshape(copies, shape.map((d, j) => (j === axis ? d * factor : d)));
}

/**
 * Bilinear upsampling by an integer `factor` along `axis`, with half-pixel centers as `jax.image.resize` and
 * `tf.image.resize` (Keras 3's `ops.image.resize`): output `o` samples the input at `(o + 0.5) / factor - 0.5`,
 * between its two nearest elements, the edge element repeated beyond the ends.
 */
export function bilinearAxis(x: Tensor, factor: number, axis: number): Tensor {
  if (factor === 1) return x;
  const shape = x.shape as number[];
  const n = shape[axis]!;
  const slice = (start: number, size: number): Tensor =>
    ops.slice(x, shape.map((_, j) => (j === axis ? start : 0)), shape.map((d, j) => (j === axis ? size : d)));
  // Each element's neighbours after and before it, the edge element standing in for the missing one.
  const next = n === 1 ? x : ops.concat([slice(1, n - 1), slice(n - 1, 1)], axis);
  const previous = n === 1 ? x : ops.concat([slice(0, 1), slice(0, n - 1)], axis);
  const phases: Tensor[] = [];
  for (let p = 0; p < factor; p++) {
    const offset = (p + 0.5) / factor - 0.5;
    const neighbour = offset >= 0 ? next : previous;
    const w = Math.abs(offset);
    phases.push(w === 0 ? x : ops.add(ops.mul(x, 1 - w), ops.mul(neighbour, w)));
  }
  return ops.reshape(ops.stack(phases, axis + 1), shape.map((d, j) => (j === axis ? d * factor : d)));
}
