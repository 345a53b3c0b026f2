import { expect, it } from 'vitest';
import { describeEachBackend, expectTensorsClose } from '@strata/test-utils';
import { grad, ops, tensor } from '@strata/core';

describeEachBackend('divideNoNan', () => {
  it('gives 0 where the divisor is 0, and a finite gradient there', () => {
    expectTensorsClose(ops.divideNoNan(tensor([1, 2, -3]), tensor([0, 4, 0])), [0, 0.5, 0]);
    const g = grad((a) => ops.sum(ops.divNoNan(a, tensor([0, 4, 0]))))(tensor([1, 2, -3]));
    expect(Array.from(g.dataSync())).toEqual([0, 0.25, 0]);
  });
});
