import { describe, it } from 'vitest';
import { describeEachBackend, expectTensorsClose } from '@strata/test-utils';
import { ops, tensor } from '@strata/core';

describeEachBackend('cumsum and cumprod along a negative axis', () => {
  const x = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  it.each([
    ['cumsum', -1, [[1, 3, 6], [4, 9, 15]]],
    ['cumsum', -2, [[1, 2, 3], [5, 7, 9]]],
    ['cumprod', -1, [[1, 2, 6], [4, 20, 120]]],
  ] as const)('%s axis %i', (op, axis, expected) => {
    const out = op === 'cumsum' ? ops.cumsum(tensor(x), axis) : ops.cumprod(tensor(x), axis);
    expectTensorsClose(out, expected as unknown as number[][]);
    // The heap is intact afterwards: a following op still computes.
    expectTensorsClose(ops.range(1, 4, 1, 'float32'), [1, 2, 3]);
  });
});

describe('cumsum axis validation', () => {
  it('rejects an axis beyond the rank', ({ expect }) => {
    expect(() => ops.cumsum(tensor([1, 2]), -3)).toThrow();
  });
});
