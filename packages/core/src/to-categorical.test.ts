import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import { tensor, toCategorical } from '@strata/core';

describe('toCategorical', () => {
  it('infers numClasses as max + 1', () => {
    expectTensorsClose(toCategorical([0, 2, 1]), [
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
  });

  it('honours an explicit numClasses and drops a trailing axis of 1', () => {
    const y = toCategorical(tensor([[1], [3]], [2, 1], 'int32'), 5);
    expect(y.shape).toEqual([2, 5]);
    expectTensorsClose(y, [
      [0, 1, 0, 0, 0],
      [0, 0, 0, 1, 0],
    ]);
  });

  it('rejects labels out of range or not integers', () => {
    expect(() => toCategorical([0, 5], 3)).toThrow(/label 5 is out of range for numClasses=3/);
    expect(() => toCategorical([0.5])).toThrow(/non-negative integers/);
  });
});
