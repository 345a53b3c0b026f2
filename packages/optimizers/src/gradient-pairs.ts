/** Pairing the gradients an optimizer receives with their variables, as Keras' `apply` checks them. */
import { ValueError, type Tensor } from '@strata/core';
import type { ResolvedVariable } from './variable-like.js';
import { sameShape } from './weights.js';

/**
 * Pairs each non-missing gradient with its variable (warning, as Keras, about variables whose gradient is missing)
 * and checks every gradient has its variable's shape. Throws when no gradient is given at all.
 *
 * @example
 * pairGradients([g, null], [w, b]); // [[g, w]], and a warning naming b
 */
export function pairGradients(grads: Array<Tensor | null | undefined>, vars: ResolvedVariable[]): Array<[Tensor, ResolvedVariable]> {
  const pairs: Array<[Tensor, ResolvedVariable]> = [];
  const missing: string[] = [];
  grads.forEach((g, i) => (g == null ? missing.push(vars[i]!.label) : pairs.push([g, vars[i]!])));
  if (pairs.length === 0) throw new ValueError('No gradients provided for any variable.');
  if (missing.length > 0) {
    console.warn(`Gradients do not exist for variables [${missing.map((m) => `'${m}'`).join(', ')}] when minimizing the loss. If using \`model.compile()\`, did you forget to provide a \`loss\` argument?`);
  }
  for (const [g, v] of pairs) {
    if (!sameShape(g.shape, v.variable.shape)) {
      throw new ValueError(`Gradient for variable "${v.label}" has shape [${g.shape.join(', ')}], but the variable has shape [${v.variable.shape.join(', ')}].`);
    }
  }
  return pairs;
}
