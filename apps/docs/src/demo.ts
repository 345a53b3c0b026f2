/**
 * The example the docs page runs on load: a small matMul, a gradient and a larger matMul whose inputs are exact in
 * float32 (multiples of 1/8 in [-1, 1]), so every backend and thread count gives bit-identical results.
 *
 * @example
 * const r = runDemo();
 * r.matmul; // [[19, 22], [43, 50]]
 */
import { grad, ops, tensor, tidy } from '@strata/core';
import { demoMatrix, LARGE_N, summarise } from './demo-inputs.js';

/** What {@link runDemo} computed, as plain numbers. */
export interface DemoResult {
  /** `[[1, 2], [3, 4]] · [[5, 6], [7, 8]]`. */
  matmul: number[][];
  /** The gradient of `sum(x²)` at `x = [1, 2, 3]`. */
  gradient: number[];
  /** An `n×n` matMul of {@link demoMatrix} inputs, summarised. */
  large: { n: number; sum: number; weightedSum: number; corner: number[][] };
}

/** Runs the page's example ops on the current backend and returns the values; leaves no tensors behind. */
export function runDemo(n = LARGE_N): DemoResult {
  return tidy(() => {
    const matmul = ops.matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).arraySync() as number[][];
    const dSumSquares = grad((x) => ops.sum(ops.square(x)));
    const gradient = dSumSquares(tensor([1, 2, 3])).arraySync() as number[];
    const big = ops.matmul(tensor(demoMatrix(n, 1)), tensor(demoMatrix(n, 2)));
    const values = big.dataSync();
    const corner = ops.slice(big, [0, 0], [3, 3]).arraySync() as number[][];
    return { matmul, gradient, large: { n, ...summarise(values), corner } };
  });
}
