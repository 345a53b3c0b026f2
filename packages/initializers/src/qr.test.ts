import { describe, expect, it } from 'vitest';
import { thinQr } from './qr.js';

/** A deterministic pseudo-random matrix (an LCG), independent of Strata's generators. */
function matrix(m: number, n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: m * n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

describe('thinQr', () => {
  it.each([
    { m: 1, n: 1 },
    { m: 5, n: 5 },
    { m: 40, n: 7 },
    { m: 64, n: 64 },
  ])('$m × $n: orthonormal Q, upper-triangular R = QᵀA, A = QR', ({ m, n }) => {
    const a = matrix(m, n, m * 31 + n);
    const { q, rDiag } = thinQr(a, m, n);
    const r = new Float64Array(n * n); // R = QᵀA
    let orthoErr = 0, lowerErr = 0, diagErr = 0, reconErr = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let qtq = 0;
        for (let k = 0; k < m; k++) {
          qtq += q[k * n + i]! * q[k * n + j]!;
          r[i * n + j]! += q[k * n + i]! * a[k * n + j]!;
        }
        orthoErr = Math.max(orthoErr, Math.abs(qtq - (i === j ? 1 : 0)));
        if (i > j) lowerErr = Math.max(lowerErr, Math.abs(r[i * n + j]!));
      }
      diagErr = Math.max(diagErr, Math.abs(r[i * n + i]! - rDiag[i]!));
    }
    for (let k = 0; k < m; k++) {
      for (let j = 0; j < n; j++) {
        let qr = 0;
        for (let i = 0; i <= j; i++) qr += q[k * n + i]! * r[i * n + j]!;
        reconErr = Math.max(reconErr, Math.abs(qr - a[k * n + j]!));
      }
    }
    expect(Math.max(orthoErr, lowerErr, diagErr, reconErr), JSON.stringify({ orthoErr, lowerErr, diagErr, reconErr })).toBeLessThan(1e-12);
  });

  it('rejects a wide matrix', () => {
    expect(() => thinQr(new Float64Array(6), 2, 3)).toThrow(/at least as many rows as columns; received 2 × 3/);
  });
});
