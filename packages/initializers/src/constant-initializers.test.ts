import { describe, expect, it } from 'vitest';
import { dispose, type Tensor } from '@strata/core';
import { expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { Constant } from './constant.js';
import { Identity } from './identity.js';
import { Ones } from './ones.js';
import { Zeros } from './zeros.js';

function eyeArray(rows: number, cols: number, gain: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === j ? gain : 0)));
}

function check(t: Tensor, expected: Parameters<typeof expectTensorsClose>[1]): void {
  try {
    expectTensorsClose(t, expected, { atol: 0, rtol: 0 });
  } finally {
    dispose(t);
  }
}

describe('Zeros, Ones, Constant', () => {
  it('fill float32 by default', () => {
    check(new Zeros().call([2, 3]), [[0, 0, 0], [0, 0, 0]]);
    check(new Ones().call([2, 3]), [[1, 1, 1], [1, 1, 1]]);
    check(new Constant({ value: -2.25 }).call([3, 1]), [[-2.25], [-2.25], [-2.25]]);
    check(new Constant().call([2]), [0, 0]);
  });

  it('honour an integer dtype, including Keras names such as int64', () => {
    const z = new Zeros().call([2], 'int32');
    const o = new Ones().call([3], 'int64' as 'int32');
    const c = new Constant({ value: 7 }).call([2], 'int32');
    expect([z.dtype, o.dtype, c.dtype]).toEqual(['int32', 'int32', 'int32']);
    expect([...o.dataSync(), ...c.dataSync()]).toEqual([1, 1, 1, 7, 7]);
    dispose([z, o, c]);
  });

  it('Constant rejects a non-scalar value', () => {
    expect(() => new Constant({ value: [1, 2] as unknown as number })).toThrow(/scalar number as `value`. Received: value=\[1,2\]/);
  });

  it('configs', () => {
    expect(new Zeros().getConfig()).toEqual({});
    expect(new Constant({ value: 0.5 }).getConfig()).toEqual({ value: 0.5 });
  });
});

describe('Identity', () => {
  it.each([
    { shape: [3, 3], gain: 1 },
    { shape: [3, 5], gain: 1 },
    { shape: [5, 3], gain: 2 },
    { shape: [1, 4], gain: -0.5 },
  ])('shape $shape, gain $gain', ({ shape, gain }) => {
    check(new Identity({ gain }).call(shape), eyeArray(shape[0]!, shape[1]!, gain));
  });

  it('only accepts 2D shapes', () => {
    expect(() => new Identity().call([3, 3, 3])).toThrow(/only be used for 2D matrices. Received: shape=\[3, 3, 3\] of rank 3/);
    expect(() => new Identity().call([3])).toThrow(/rank 1/);
  });

  it('config carries gain', () => {
    expect(new Identity({ gain: 3 }).getConfig()).toEqual({ gain: 3 });
    expect(new Identity().getConfig()).toEqual({ gain: 1 });
  });

  it('leaves no tensors behind', async () => {
    await expectNoLeaks(() => {
      dispose(new Identity({ gain: 2 }).call([4, 6]));
      dispose(new Constant({ value: 1 }).call([4, 6]));
      dispose(new Ones().call([2]));
    });
  });
});
