import { describe, expect, it } from 'vitest';
import { grad, ops, tensor } from '@strata/core';

describe('comparison and logical ops differentiate to zero, as in Keras', () => {
  it.each([
    ['less', (x: ReturnType<typeof tensor>) => ops.where(ops.less(x, 0), ops.mul(x, -2), ops.mul(x, 3)), [-2, -2, 3]],
    ['greaterEqual', (x: ReturnType<typeof tensor>) => ops.mul(x, ops.cast(ops.greaterEqual(x, 0), 'float32')), [0, 0, 1]],
    ['equal', (x: ReturnType<typeof tensor>) => ops.add(x, ops.cast(ops.equal(x, 1), 'float32')), [1, 1, 1]],
    ['logicalAnd', (x: ReturnType<typeof tensor>) => ops.mul(x, ops.cast(ops.logicalAnd(ops.greater(x, -5), ops.less(x, 0)), 'float32')), [1, 1, 0]],
  ] as const)('%s', (_name, f, expected) => {
    const g = grad((x) => ops.sum(f(x)))(tensor([-1.5, -0.5, 2]));
    expect(Array.from(g.dataSync())).toEqual(expected);
  });

  it('log_sigmoid differentiates through a negation', () => {
    const g = grad((x) => ops.sum(ops.neg(ops.softplus(ops.neg(ops.neg(x))))))(tensor([0.5]));
    expect(g.dataSync()[0]).toBeCloseTo(-1 / (1 + Math.exp(-0.5)), 5);
  });
});
