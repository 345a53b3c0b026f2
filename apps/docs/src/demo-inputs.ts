/**
 * Inputs of the page's larger matMul and how its result is summarised; plain JavaScript with no tensors, so tests can
 * compute the reference result independently.
 *
 * @example
 * demoMatrix(2, 1); // [[-0.375, -0.875], [0.5, 0]]
 */

/** Size of the larger matMul. */
export const LARGE_N = 256;

/** A deterministic `n×n` matrix of multiples of 1/8 in [-1, 1], exact in float32. */
export function demoMatrix(n: number, seed: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (((i * 7 + j * 13 + seed * 5) % 17) - 8) / 8),
  );
}

/** Sum of all entries, and the entries weighted by `(k mod 97) + 1` for flat index `k`, so transposes differ. */
export function summarise(values: ArrayLike<number>): { sum: number; weightedSum: number } {
  let sum = 0;
  let weightedSum = 0;
  for (let k = 0; k < values.length; k++) {
    sum += values[k]!;
    weightedSum += values[k]! * ((k % 97) + 1);
  }
  return { sum, weightedSum };
}
