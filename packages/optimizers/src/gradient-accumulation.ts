/**
 * Keras' gradient accumulation (`gradient_accumulation_steps`) and `overwrite_with_gradient`, as tensor ops inside an
 * optimizer step: nothing is read back.
 */
import { ops, type Tensor } from '@strata/core';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/**
 * Whether this step applies an update (`(raw + 1) % steps == 0`, a bool scalar), or null without accumulation.
 *
 * @example
 * isUpdateStep(ops.scalar(1, 'int32'), 2); // true: the second of every two steps updates
 */
export function isUpdateStep(raw: Tensor, steps: number | null): Tensor | null {
  if (!steps) return null;
  return ops.equal(ops.mod(ops.add(raw, ops.scalar(1, 'int32')), ops.scalar(steps, 'int32')), ops.scalar(0, 'int32'));
}

/**
 * Writes its gradient into each variable marked `overwriteWithGradient` (with accumulation: the running maximum, kept
 * in its accumulator and written on update steps), and returns the positions of the other variables.
 */
export function overwriteWithGradients(
  grads: Tensor[],
  vars: ResolvedVariable[],
  accumulatorOf: (v: ResolvedVariable) => OptimizerVariable,
  isUpdate: Tensor | null,
): number[] {
  const kept: number[] = [];
  vars.forEach((v, i) => {
    if (!v.overwriteWithGradient) return void kept.push(i);
    const g = grads[i]!;
    if (!isUpdate) return v.variable.assign(g);
    const acc = accumulatorOf(v);
    const maxed = ops.maximum(g, acc.value);
    acc.assign(ops.where(isUpdate, ops.zerosLike(g), maxed));
    v.variable.assign(ops.where(isUpdate, maxed, v.variable));
  });
  return kept;
}

/**
 * Adds each gradient to its accumulator (reset to zero on update steps) and returns `(g + accumulator) / steps`, the
 * gradients an update step applies.
 */
export function accumulateGradients(grads: Tensor[], accumulators: OptimizerVariable[], isUpdate: Tensor, steps: number): Tensor[] {
  const sums = grads.map((g, i) => ops.add(g, accumulators[i]!.value));
  accumulators.forEach((acc, i) => acc.assign(ops.where(isUpdate, ops.zerosLike(sums[i]!), sums[i]!)));
  const k = ops.scalar(steps);
  return sums.map((s) => ops.div(s, k));
}
