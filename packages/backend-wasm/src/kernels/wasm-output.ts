import type { DataType, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { heapU8, offsetOf } from '../fast/module.js';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object): boolean;
}

/** A new, uninitialised tensor on the wasm heap, and its byte offset there. */
export function allocate(backend: KernelBackend, shape: number[], dtype: DataType = 'float32'): { info: TensorInfo; ptr: number } {
  const info = (backend as unknown as WasmBackendLike).makeOutput(shape, dtype);
  return { info, ptr: offsetOf(backend, info.dataId) };
}

/** Byte offset of `t`'s data on the wasm heap. */
export const ptrOf = (backend: KernelBackend, t: TensorInfo): number => offsetOf(backend, t.dataId);

/** `t` seen with another shape of the same size: no copy, and not to be disposed (it shares `t`'s data). */
export const view = (t: TensorInfo, shape: number[]): TensorInfo => ({ dataId: t.dataId, shape, dtype: t.dtype });

/** A new tensor holding `bytes` bytes copied from byte offset `from` on the heap. */
export function copyOut(backend: KernelBackend, from: number, shape: number[]): TensorInfo {
  const { info, ptr } = allocate(backend, shape);
  const bytes = 4 * shape.reduce((a, b) => a * b, 1);
  heapU8(backend).copyWithin(ptr, from, from + bytes);
  return info;
}
