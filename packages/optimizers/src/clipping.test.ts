import { describe, expect, it } from 'vitest';
import { ops, tidy } from '@strata/core';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './clipping.js';

const values = (fn: () => ReturnType<typeof ops.tensor>) => {
  const t = tidy(fn);
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
};

describe('clipping (Keras BaseOptimizer semantics; the per-optimizer cases are in optimizers.keras.test.ts)', () => {
  it('clipByNorm rescales to the norm and leaves a zero gradient zero (not NaN)', () => {
    expect(values(() => clipByNorm(ops.tensor([3, 4]), 1))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(values(() => clipByNorm(ops.tensor([0.3, 0.4]), 1))).toEqual([0.30000001192092896, 0.4000000059604645]);
    expect(values(() => clipByNorm(ops.zeros([2]), 1))).toEqual([0, 0]);
  });

  it('clipByGlobalNorm scales all tensors together; a non-finite norm gives NaN everywhere, as Keras', () => {
    expect(values(() => ops.concat(clipByGlobalNorm([ops.tensor([3]), ops.tensor([4])], 1)))).toEqual([0.6000000238418579, 0.800000011920929]);
    const inf = tidy(() => ops.concat(clipByGlobalNorm([ops.tensor([Infinity, 1]), ops.tensor([1])], 1)));
    expect(Array.from(inf.dataSync()).every(Number.isNaN)).toBe(true);
    inf.dispose();
  });

  it('clipByValue clips elementwise', () => {
    expect(values(() => clipByValue(ops.tensor([-2, 0.5, 2]), 1))).toEqual([-1, 0.5, 1]);
  });
});
