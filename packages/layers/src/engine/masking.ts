/**
 * Masks travel with tensors, as Keras' `_keras_mask` attribute: a side table keyed by the tensor object (a
 * WeakMap, so a mask never keeps its tensor alive).
 */
import type { Tensor } from '@strata/core';
import type { KerasTensor } from './keras-tensor.js';

const masks = new WeakMap<object, Tensor | KerasTensor>();

/**
 * The mask attached to a tensor, or null.
 *
 * @example
 * const y = embedding.apply(x); // Embedding({ maskZero: true })
 * getKerasMask(y); // a bool tensor of shape [batch, time]
 */
export function getKerasMask(x: unknown): Tensor | KerasTensor | null {
  if (x === null || typeof x !== 'object') return null;
  return masks.get(x) ?? null;
}

/** Attaches `mask` to `x` (null removes it). */
export function setKerasMask(x: object, mask: Tensor | KerasTensor | null): void {
  if (mask === null) masks.delete(x);
  else masks.set(x, mask);
}
