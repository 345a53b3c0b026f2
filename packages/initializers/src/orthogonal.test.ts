import { describe, expect, it } from 'vitest';
import { dispose, random } from '@strata/core';
import { expectNoLeaks } from '@strata/test-utils';
import { Orthogonal } from './orthogonal.js';

function flatten(shape: number[], data: ArrayLike<number>): { rows: number; cols: number; at: (i: number, j: number) => number } {
  const cols = shape[shape.length - 1]!;
  const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
  return { rows, cols, at: (i, j) => data[i * cols + j]! };
}

/** max |G − gain²·I| where G is the Gram matrix of the columns (tall) or the rows (wide). */
function gramError(shape: number[], data: ArrayLike<number>, gain: number): number {
  const { rows, cols, at } = flatten(shape, data);
  const tall = rows >= cols;
  const k = Math.min(rows, cols);
  const len = Math.max(rows, cols);
  let worst = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let g = 0;
      for (let t = 0; t < len; t++) g += tall ? at(t, i) * at(t, j) : at(i, t) * at(j, t);
      worst = Math.max(worst, Math.abs(g - (i === j ? gain * gain : 0)));
    }
  }
  return worst;
}

describe('Orthogonal', () => {
  it.each([
    { name: 'square [64, 64]', shape: [64, 64], gain: 1 },
    { name: 'tall [100, 30]', shape: [100, 30], gain: 1 },
    { name: 'wide [30, 100]', shape: [30, 100], gain: 1 },
    { name: 'conv2d [3, 3, 16, 32] (flattened to 144 × 32)', shape: [3, 3, 16, 32], gain: 1 },
    { name: 'conv1d [1, 8, 64] (flattened to 8 × 64: orthonormal rows)', shape: [1, 8, 64], gain: 1 },
    { name: 'gain 2 on [20, 20]', shape: [20, 20], gain: 2 },
    { name: 'gain 0.5 on [10, 40]', shape: [10, 40], gain: 0.5 },
  ])('$name: QᵀQ ≈ gain²·I', ({ shape, gain }) => {
    const w = new Orthogonal({ gain, seed: 5 }).call(shape);
    expect(w.shape).toEqual(shape);
    expect(w.dtype).toBe('float32');
    expect(gramError(shape, w.dataSync(), gain)).toBeLessThan(1e-5 * gain * gain * 10);
    dispose(w);
  });

  it.each([
    { name: 'tall', shape: [50, 12] },
    { name: 'wide', shape: [12, 50] },
  ])('$name: Q is the QR factor of the seeded normal draw with a positive R diagonal', ({ shape }) => {
    const seed = 31;
    const [rows, cols] = shape as [number, number];
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const drawT = random.normal([m, n], { seed });
    const a = drawT.dataSync();
    dispose(drawT);
    const w = new Orthogonal({ seed }).call(shape);
    const out = w.dataSync();
    dispose(w);
    // q (m × n) is out, or its transpose when the target is wide.
    const q = (i: number, j: number): number => (rows >= cols ? out[i * cols + j]! : out[j * cols + i]!);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let r = 0;
        for (let t = 0; t < m; t++) r += q(t, i) * a[t * n + j]!;
        if (i === j) expect(r).toBeGreaterThan(0);
        if (i > j) expect(Math.abs(r)).toBeLessThan(1e-4);
      }
    }
  });

  it('an integer seed repeats; another seed differs', () => {
    const vals = (seed: number): number[] => {
      const t = new Orthogonal({ seed }).call([6, 6]);
      const v = Array.from(t.dataSync());
      dispose(t);
      return v;
    };
    expect(vals(3)).toEqual(vals(3));
    expect(vals(3)).not.toEqual(vals(4));
  });

  it('rejects shapes of rank < 2 and non-float dtypes', () => {
    expect(() => new Orthogonal().call([5])).toThrow(/at least two-dimensional. Received: shape=\[5\] of rank 1/);
    expect(() => new Orthogonal().call([5, 5], 'int32')).toThrow(/expected a float dtype, received dtype="int32"/);
  });

  it('config', () => {
    expect(new Orthogonal({ gain: 2, seed: 1 }).getConfig()).toEqual({ seed: 1, gain: 2 });
  });

  it('leaves no tensors behind', async () => {
    await expectNoLeaks(() => dispose(new Orthogonal().call([3, 3, 4, 8])));
  });
});
