/** Keras' exponential moving average of the model variables (`use_ema`), as tensor ops inside a step. */
import { ops, type Tensor } from '@strata/core';
import type { OptimizerVariable } from './optimizer-variable.js';
import type { ResolvedVariable } from './variable-like.js';

/**
 * `average = m·average + (1 − m)·value` for each variable, with `m = momentum`, or 0 when `iterations` is 0 (so the
 * first average is the value); then, when `overwriteFrequency` is set and `(iterations + 1) % overwriteFrequency == 0`,
 * the averages are copied into the variables. `iterations` is Keras' count before this step's increment.
 */
export function updateMovingAverages(
  vars: ResolvedVariable[],
  averages: (OptimizerVariable | null)[],
  iterations: Tensor,
  momentum: number,
  overwriteFrequency: number | null,
): void {
  const int = (x: number) => ops.scalar(x, 'int32');
  const m = ops.mul(ops.cast(ops.notEqual(iterations, int(0)), 'float32'), ops.scalar(momentum));
  const overwrite = overwriteFrequency ? ops.equal(ops.mod(ops.add(iterations, int(1)), int(overwriteFrequency)), int(0)) : null;
  vars.forEach((v, i) => {
    const avg = averages[i];
    if (!avg) return;
    avg.assign(ops.add(ops.mul(m, avg.value), ops.mul(ops.sub(1, m), v.variable)));
    if (overwrite) v.variable.assign(ops.where(overwrite, avg.value, v.variable));
  });
}
