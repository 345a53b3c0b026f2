/**
 * Gradient clipping as Keras' `BaseOptimizer._clip_gradients` does it (`clipnorm`, `global_clipnorm`, `clipvalue`).
 * Pure tensor expressions: nothing is read back.
 */
import { ops, type Tensor } from '@strata/core';

/**
 * Rescales `g` so its L2 norm is at most `clipnorm` (Keras' `_clip_by_norm`, with its two-tap `where` so a zero
 * gradient stays zero and has no NaN gradient).
 *
 * @example
 * clipByNorm(ops.tensor([3, 4]), 1); // [0.6, 0.8]
 */
export function clipByNorm(g: Tensor, clipnorm: number): Tensor {
  const l2sum = ops.sum(ops.square(g), undefined, true);
  const pred = ops.greater(l2sum, 0);
  const l2sumSafe = ops.where(pred, l2sum, ops.onesLike(l2sum));
  const l2norm = ops.where(pred, ops.sqrt(l2sumSafe), l2sum);
  const c = ops.scalar(clipnorm);
  return ops.div(ops.mul(g, c), ops.maximum(l2norm, c));
}

/**
 * Scales every gradient by `clipnorm / max(globalNorm, clipnorm)` (Keras' `clip_by_global_norm`); a non-finite global
 * norm makes every gradient NaN, as in Keras.
 *
 * @example
 * clipByGlobalNorm([ops.tensor([3]), ops.tensor([4])], 1); // [[0.6], [0.8]]
 */
export function clipByGlobalNorm(grads: Tensor[], clipnorm: number): Tensor[] {
  const squared = grads.map((g) => ops.sum(ops.square(g)));
  const norm = ops.sqrt(ops.sum(ops.stack(squared)));
  const c = ops.scalar(clipnorm);
  const scaleForFinite = ops.mul(c, ops.minimum(ops.div(1, norm), ops.div(1, c)));
  const scale = ops.add(scaleForFinite, ops.sub(norm, norm));
  return grads.map((g) => ops.mul(g, scale));
}

/** Clips every element to `[-clipvalue, clipvalue]`. */
export function clipByValue(g: Tensor, clipvalue: number): Tensor {
  return ops.clipByValue(g, -clipvalue, clipvalue);
}

/** The clipping settings of an optimizer; a value that is null, undefined or ≤ 0 is off. */
export interface ClipSettings {
  clipnorm?: number | null;
  globalClipnorm?: number | null;
  clipvalue?: number | null;
}

/** Applies whichever clipping is on (at most one is, as Keras enforces), or returns `grads` unchanged. */
export function clipGradients(grads: Tensor[], s: ClipSettings): Tensor[] {
  if (s.clipnorm && s.clipnorm > 0) return grads.map((g) => clipByNorm(g, s.clipnorm!));
  if (s.globalClipnorm && s.globalClipnorm > 0) return clipByGlobalNorm(grads, s.globalClipnorm);
  if (s.clipvalue && s.clipvalue > 0) return grads.map((g) => clipByValue(g, s.clipvalue!));
  return grads;
}
