import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PLAIN_WASM, SHARED_WASM, SOURCE_SHA256 } from './binary.js';
// @ts-expect-error — a plain .mjs generator (run by build.mjs with Node), typed loosely here.
import { moduleText } from './wat/module.mjs';

function instantiate(base64: string, memory: WebAssembly.Memory): Record<string, (...args: number[]) => void> {
  const module = new WebAssembly.Module(Buffer.from(base64, 'base64'));
  return new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, (...args: number[]) => void>;
}

describe("Strata's wasm SIMD kernels module", () => {
  it('was assembled from the current WAT generators (rebuild with `node src/fast/wat/build.mjs`)', () => {
    const text = (shared: boolean) => (moduleText as (o: { shared: boolean }) => string)({ shared });
    const hash = createHash('sha256').update(text(false)).update(text(true)).digest('hex');
    expect(hash).toBe(SOURCE_SHA256);
  });

  it.each([
    ['a plain memory (single-threaded tfjs builds)', PLAIN_WASM, new WebAssembly.Memory({ initial: 1 })],
    ['a shared memory (the threaded build)', SHARED_WASM, new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true })],
  ])('imports %s and works in it, writing nothing outside its output', (_, base64, memory) => {
    const kernels = instantiate(base64, memory);
    const heap = new Float32Array(memory.buffer);
    heap.fill(-7);
    const [rows, cols] = [5, 7];
    heap.set(Float32Array.from({ length: rows * cols }, (_, i) => i), 16);
    kernels['transpose2d']!(64, 1024, rows, cols);
    const out = heap.subarray(256, 256 + rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) expect(out[c * rows + r]).toBe(r * cols + c);
    expect(heap[255]).toBe(-7);
    expect(heap[256 + rows * cols]).toBe(-7);
  });
});
