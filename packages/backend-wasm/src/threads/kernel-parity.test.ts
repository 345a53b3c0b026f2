/**
 * Threads must not change results: a table of kernels (matMul, conv2d, depthwise, pooling, elementwise) runs in
 * a 2-thread and a 1-thread plain `node` child process against the built package, and the outputs are compared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runFixture } from './fixtures/child.mjs';

interface TableRun {
  capabilities: { simd: boolean; threads: number };
  results: Record<string, { shape: number[]; base64: string }>;
}

function decode(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

let threaded: TableRun;
let single: TableRun;

beforeAll(async () => {
  await ensureBuilt();
  const [two, one] = await Promise.all([
    runFixture('kernel-table.mjs', { env: { STRATA_WASM_THREADS: '2' } }),
    runFixture('kernel-table.mjs', { env: { STRATA_WASM_THREADS: '1' } }),
  ]);
  for (const run of [two, one]) {
    if (run.status !== 0 || !run.result) throw new Error(`kernel-table.mjs failed (status ${run.status}, killed ${run.killed}):\n${run.stderr}`);
  }
  threaded = two.result as TableRun;
  single = one.result as TableRun;
}, 180_000);

describe('kernels on 2 threads and on 1', { timeout: 60_000 }, () => {
  it('ran with the thread counts asked for', () => {
    expect(threaded.capabilities).toEqual({ simd: true, threads: 2 });
    expect(single.capabilities.threads).toBe(1);
    expect(Object.keys(threaded.results)).toEqual(Object.keys(single.results));
    expect(Object.keys(threaded.results).length).toBeGreaterThanOrEqual(19);
  });

  const names = [
    'matMul 128x300 @ 300x200', 'batched matMul 4x64x96 @ 4x80x96 (transposeB)', 'fused matMul + bias + relu',
    'conv2d 3x3 same, 16→32', 'conv2d 5x5 valid stride 2, 8→12', 'fused conv2d + bias + relu6', 'conv2dTranspose 3x3 stride 2',
    'depthwiseConv2d 3x3 same, multiplier 2', 'depthwiseConv2d 3x3 valid stride 2', 'maxPool 3x3 stride 2 same',
    'avgPool 2x2 stride 2 valid', 'add (broadcast)', 'mul', 'relu', 'sigmoid', 'exp', 'tanh', 'softmax (last axis)', 'sum (axis 1)',
  ];
  it.each(names)('%s gives the same values to float32 rounding', (name) => {
    const a = threaded.results[name]!;
    const b = single.results[name]!;
    expect(a.shape).toEqual(b.shape);
    const x = decode(a.base64);
    const y = decode(b.base64);
    expect(x.length).toBe(a.shape.reduce((p, d) => p * d, 1));
    let nonZero = 0;
    for (let i = 0; i < x.length; i++) {
      if (y[i] !== 0) nonZero++;
      // A few float32 ulps of the larger magnitude: threads may split a reduction differently, nothing more.
      const tolerance = 4 * 2 ** -23 * Math.max(1, Math.abs(x[i]!), Math.abs(y[i]!));
      if (!(Math.abs(x[i]! - y[i]!) <= tolerance)) {
        expect.fail(`${name}[${i}]: 2 threads gave ${x[i]}, 1 thread gave ${y[i]} (difference above ${tolerance})`);
      }
    }
    expect(nonZero).toBeGreaterThan(0);
  });
});
