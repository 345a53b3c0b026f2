import { expect } from 'vitest';
import { type Tensor, tensor } from '@strata/core';

/** Tolerances for float comparisons: passes when `|a − e| ≤ atol + rtol · |e|`. */
export interface Tolerance {
  rtol?: number;
  atol?: number;
}

type Expected = Tensor | number | number[] | number[][] | number[][][] | number[][][][] | { shape: number[]; dtype?: string; data: ArrayLike<number> };

function toTensor(x: Expected, like: Tensor): Tensor {
  if (typeof x === 'number' || Array.isArray(x)) return tensor(x as number, undefined, like.dtype === 'bool' ? 'bool' : like.dtype);
  if ('data' in x && 'shape' in x && !('dataSync' in x)) return tensor(Array.from(x.data), x.shape, (x.dtype ?? like.dtype) as 'float32');
  return x as Tensor;
}

/**
 * Asserts that `actual` has the dtype and shape of `expected`, then that every value is within tolerance
 * (float32 defaults: rtol 1e-5, atol 1e-6). NaNs must match NaNs.
 *
 * @example
 * expectTensorsClose(ops.add(a, b), [[2, 4]], { atol: 1e-6 });
 */
export function expectTensorsClose(actual: Tensor, expected: Expected, tol: Tolerance = {}): void {
  const { rtol = 1e-5, atol = 1e-6 } = tol;
  const exp = toTensor(expected, actual);
  try {
    expect(actual.dtype, 'dtype').toBe(exp.dtype);
    expect(actual.shape, 'shape').toEqual(exp.shape);
    const a = actual.dataSync();
    const e = exp.dataSync();
    let worst = -1;
    let worstErr = 0;
    for (let i = 0; i < e.length; i++) {
      const av = Number(a[i]);
      const ev = Number(e[i]);
      if (Number.isNaN(ev) || Number.isNaN(av)) {
        if (Number.isNaN(ev) !== Number.isNaN(av)) {
          worst = i;
          worstErr = Infinity;
          break;
        }
        continue;
      }
      if (av === ev) continue;
      const err = Math.abs(av - ev) - (atol + rtol * Math.abs(ev));
      if (err > worstErr || (worst < 0 && err > 0)) {
        worst = i;
        worstErr = err;
      }
    }
    if (worst >= 0 && worstErr > 0) {
      expect.fail(`values differ at flat index ${worst}: received ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol})`);
    }
  } finally {
    if (exp !== expected) exp.dispose();
  }
}
