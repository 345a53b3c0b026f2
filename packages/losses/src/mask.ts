/**
 * Masks that a loss function attaches to its output, as Keras' `backend.set_keras_mask`: sparse categorical
 * crossentropy with `ignoreClass` marks the ignored positions so `Loss.apply` (and metrics) reweight the rest.
 * The mask is kept as a recipe, not a tensor, so a caller that only wants the values leaks nothing.
 */
import type { Tensor } from '@strata/core';

const recipes = new WeakMap<Tensor, () => Tensor>();

/** Attaches a mask recipe to `values` (called by loss functions). */
export function attachLossMask(values: Tensor, mask: () => Tensor): void {
  recipes.set(values, mask);
}

/**
 * The boolean mask a loss function attached to its output (`true` = counted), as a new tensor, or `null`.
 * The tensors the loss was computed from must still be alive.
 *
 * @example
 * const values = sparseCategoricalCrossentropy(labels, logits, { fromLogits: true, ignoreClass: 0 });
 * const mask = lossMask(values); // false where labels == 0
 */
export function lossMask(values: Tensor): Tensor | null {
  const recipe = recipes.get(values);
  return recipe ? recipe() : null;
}
