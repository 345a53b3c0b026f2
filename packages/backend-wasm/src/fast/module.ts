import type { KernelBackend } from '@tensorflow/tfjs-core';
import { PLAIN_WASM, SHARED_WASM } from './binary.js';
import { fastKernelsEnabled } from './switch.js';

/** The kernels of Strata's wasm SIMD module. Pointers are byte offsets into tfjs' wasm memory; sizes count elements. */
export interface FastKernels {
  band_mask(dy: number, x: number, out: number, n: number, lo: number, hi: number): void;
  leaky_mask(dy: number, x: number, out: number, n: number, alpha: number): void;
  sigmoid_grad(dy: number, y: number, out: number, n: number): void;
  tanh_grad(dy: number, y: number, out: number, n: number): void;
  softmax_grad(dy: number, y: number, out: number, rows: number, cols: number): void;
  col_sum(x: number, out: number, rows: number, cols: number): void;
  bias_add(x: number, b: number, out: number, rows: number, cols: number): void;
  transpose2d(x: number, out: number, rows: number, cols: number): void;
  transpose_strided(x: number, out: number, rows: number, cols: number, inStride: number, outStride: number): void;
  im2col(x: number, out: number, ...geometry: ConvGeometryArgs): void;
  im2col_t_strips(x: number, out: number, ...geometry: ConvGeometryArgs): void;
  col2im(cols: number, out: number, ...geometry: ConvGeometryArgs): void;
  im2col3d(x: number, out: number, ...geometry: Conv3DGeometryArgs): void;
  im2col3d_t_strips(x: number, out: number, ...geometry: Conv3DGeometryArgs): void;
  col2im3d(cols: number, out: number, ...geometry: Conv3DGeometryArgs): void;
  space_to_batch(space: number, batch: number, ...geometry: SpaceBatchArgs): void;
  batch_to_space(space: number, batch: number, ...geometry: SpaceBatchArgs): void;
  max_pool_grad(x: number, dy: number, out: number, ...geometry: ConvGeometryArgs): void;
  max_pool_grad_2x2(x: number, dy: number, out: number, ...geometry: ConvGeometryArgs): void;
  avg_pool_grad(dy: number, out: number, ...geometry: ConvGeometryArgs): void;
  filter_grad_small(x: number, dy: number, out: number, scratch: number, ...geometryAndOutChannels: [...ConvGeometryArgs, number]): void;
  depthwise_filter_grad(x: number, dy: number, out: number, ...geometryAndMultiplier: [...ConvGeometryArgs, number]): void;
  col_moments(x: number, mean: number, variance: number, scratch: number, rows: number, cols: number): void;
  scale_shift(x: number, scale: number, shift: number, out: number, rows: number, cols: number): void;
  bn_grad_sums(dy: number, x: number, mean: number, sumDy: number, sumDyXc: number, scratch: number, rows: number, cols: number): void;
  bn_grad_apply(dy: number, x: number, mean: number, a: number, b: number, c: number, out: number, rows: number, cols: number): void;
}

/** n, h, w, c, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo. */
export type ConvGeometryArgs = [number, number, number, number, number, number, number, number, number, number, number, number, number, number];

/** n, d, h, w, c, kd, kh, kw, sd, sh, sw, dd, dh, dw, pf, pt, pl, od, oh, ow. */
export type Conv3DGeometryArgs = [
  number, number, number, number, number, number, number, number, number, number,
  number, number, number, number, number, number, number, number, number, number,
];

/** n, d, h, w, c (space side), bd, bh, bw (block), pf, pt, pl (leading pads or crops), od, oh, ow (batch side). */
export type SpaceBatchArgs = [number, number, number, number, number, number, number, number, number, number, number, number, number, number];

interface WasmModuleLike {
  asm?: { memory?: WebAssembly.Memory };
  wasmMemory?: WebAssembly.Memory;
}

function decode(base64: string): Uint8Array {
  if (typeof atob === 'function') return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

// Compiled once; instantiated once per tfjs wasm memory (a restarted backend has a new one).
const compiled: { plain?: WebAssembly.Module; shared?: WebAssembly.Module } = {};
const instances = new WeakMap<WebAssembly.Memory, FastKernels | Promise<unknown> | null>();

/** Calls of each SIMD kernel since this module loaded (see fastKernelCalls in status.ts). */
export const kernelCalls: Record<string, number> = {};

function compiledFor(shared: boolean): WebAssembly.Module {
  const key = shared ? 'shared' : 'plain';
  compiled[key] ??= new WebAssembly.Module(decode(shared ? SHARED_WASM : PLAIN_WASM) as BufferSource);
  return compiled[key];
}

/** The instance's kernels, each counting its calls in {@link kernelCalls}. */
function counted(exports: WebAssembly.Exports): FastKernels {
  const kernels: Record<string, (...args: number[]) => void> = {};
  for (const [name, fn] of Object.entries(exports)) {
    if (typeof fn !== 'function') continue;
    const run = fn as (...args: number[]) => void;
    kernelCalls[name] ??= 0;
    kernels[name] = (...args: number[]) => {
      kernelCalls[name]! += 1;
      run(...args);
    };
  }
  return kernels as unknown as FastKernels;
}

let moduleAllowed = true;

/**
 * Internal, for tests: pretends the SIMD module cannot run (as in a browser before its background instantiation), so
 * kernels take their composed fallbacks. Returns the previous setting.
 */
export function allowFastModule(allowed: boolean): boolean {
  const previous = moduleAllowed;
  moduleAllowed = allowed;
  return previous;
}

/** tfjs-backend-wasm's memory: exported by its single-threaded builds, imported (and kept on the module) by the threaded one. */
export function tfjsMemory(backend: KernelBackend): WebAssembly.Memory | null {
  const wasm = (backend as unknown as { wasm?: WasmModuleLike }).wasm;
  const memory = wasm?.asm?.memory ?? wasm?.wasmMemory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

const isShared = (memory: WebAssembly.Memory) => typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;

/** Instantiates the module for `memory` in the background (where synchronous compilation is refused, or ahead of use). */
function instantiateInBackground(memory: WebAssembly.Memory): Promise<unknown> {
  const shared = isShared(memory);
  const pending = WebAssembly.instantiate(decode(shared ? SHARED_WASM : PLAIN_WASM) as BufferSource, { env: { memory } }).then(
    ({ instance }) => instances.set(memory, counted(instance.exports)),
    () => instances.set(memory, null),
  );
  instances.set(memory, pending);
  return pending;
}

/**
 * Strata's SIMD kernels bound to `backend`'s memory, or null when they cannot run there: not a tfjs wasm backend,
 * no WebAssembly SIMD, or (in a browser that refuses synchronous instantiation) not ready yet — then they are being
 * instantiated in the background and a later call gets them. Callers fall back to composed kernels on null.
 */
export function fastKernelsFor(backend: KernelBackend): FastKernels | null {
  if (!moduleAllowed) return null;
  const memory = tfjsMemory(backend);
  if (memory == null) return null;
  const cached = instances.get(memory);
  if (cached !== undefined) return cached instanceof Promise ? null : cached;
  try {
    const kernels = counted(new WebAssembly.Instance(compiledFor(isShared(memory)), { env: { memory } }).exports);
    instances.set(memory, kernels);
    return kernels;
  } catch (err) {
    if (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError) {
      instances.set(memory, null); // no SIMD, or a memory we cannot import: composed kernels for good
      return null;
    }
    // Browsers may refuse synchronous compilation or instantiation on the main thread: do it in the background.
    void instantiateInBackground(memory);
    return null;
  }
}

/**
 * Instantiates the kernels for `backend`'s memory without blocking (the wasm backend's start awaits this, so they are
 * ready in browsers too once it has started); resolves to whether they can run there.
 */
export async function prepareFastKernels(backend: KernelBackend): Promise<boolean> {
  const memory = tfjsMemory(backend);
  if (memory == null) return false;
  const cached = instances.get(memory);
  if (cached === undefined) await instantiateInBackground(memory);
  else if (cached instanceof Promise) await cached;
  return fastKernelsLoaded(backend);
}

/** Whether the kernels are instantiated for `backend`'s memory and allowed to run there (whatever the switch says). */
export function fastKernelsLoaded(backend: KernelBackend): boolean {
  const memory = tfjsMemory(backend);
  const cached = memory == null ? null : instances.get(memory);
  return moduleAllowed && cached != null && !(cached instanceof Promise);
}

/** Byte offset of a tensor's data in tfjs' wasm memory. */
export function offsetOf(backend: KernelBackend, dataId: object): number {
  return (backend as unknown as { dataIdMap: { get(id: object): { memoryOffset: number } } }).dataIdMap.get(dataId).memoryOffset;
}

/** The fast kernels for `backend` when the switch is on ({@link fastKernelsEnabled}) and they can run there, else null. */
export function activeFastKernels(backend: KernelBackend): FastKernels | null {
  return fastKernelsEnabled() ? fastKernelsFor(backend) : null;
}

/** tfjs' current view of its wasm heap (re-read after every allocation: growing the memory replaces the views). */
export function heapU8(backend: KernelBackend): Uint8Array {
  return (backend as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8;
}
