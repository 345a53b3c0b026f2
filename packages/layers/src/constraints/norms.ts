import { ops, type Tensor } from '@strata/core';

/** Keras' default fuzz factor (`keras.config.epsilon()`), added to norms before dividing. */
export const EPSILON = 1e-7;

/** The axis argument of the norm constraints: one axis or several. */
export type NormAxis = number | number[];

/**
 * The L2 norms of `w` along `axis`, keeping the reduced dimensions so they broadcast against `w`:
 * `sqrt(sum(square(w), axis, keepdims=true))`.
 *
 * @example
 * l2Norms(kernel, 0); // shape [1, units] for a Dense kernel
 */
export function l2Norms(w: Tensor, axis: NormAxis): Tensor {
  return ops.sqrt(ops.sum(ops.square(w), axis, true));
}
