/**
 * Typed arrays read from and written to HDF5 datasets, with the dtype Strata gives them (`float32`, `int32`…), and
 * HDF5's file signature.
 */
import { ValueError } from '@strata/core';

import type { HostArray } from '../host-array.js';

/** An HDF5 dataset's values (`float32`, `float64`, `float16`, `bfloat16`, `int8`…`int64`, `uint8`…`uint64`, `bool`). */
export type H5Array = HostArray;

/** HDF5's 8-byte signature, at offset 0 or after a user block of 512, 1024, 2048… bytes. */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether `bytes` holds an HDF5 signature at one of the offsets HDF5 allows. */
export function hasHdf5Signature(bytes: Uint8Array): boolean {
  for (let offset = 0; offset + 8 <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
    if (offset > 1 << 20) break;
  }
  return false;
}

/** The number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The h5wasm dtype string for a Strata dtype name (`float32` → `<f4`). */
export function h5DtypeOf(dtype: string): string {
  const map: Record<string, string> = {
    float32: '<f', float64: '<d', int8: '<b', int16: '<h', int32: '<i', int64: '<q',
    uint8: '<B', uint16: '<H', uint32: '<I', uint64: '<Q', bool: '<B', bfloat16: '<H', float16: '<H',
  };
  const out = map[dtype];
  if (!out) throw new ValueError(`Cannot write a dataset of dtype "${dtype}" to HDF5. Expected one of: ${Object.keys(map).join(', ')}.`);
  return out;
}

/** h5wasm metadata → a dtype name; `null` for types Strata does not read as numbers (strings, compounds). */
export function dtypeFromMetadata(meta: { type: number; size: number; signed: boolean }): string | null {
  // H5T_class_t: INTEGER 0, FLOAT 1, STRING 3, ENUM 8 (h5py stores numpy bool as an int8 enum).
  if (meta.type === 8) return 'bool';
  if (meta.type === 0) return `${meta.signed ? 'int' : 'uint'}${meta.size * 8}`;
  if (meta.type === 1) return meta.size === 2 ? 'float16' : `float${meta.size * 8}`;
  return null;
}

/** The typed array for `dtype` holding `values` (numbers, bigints, or an existing typed array). */
export function typedArrayFor(dtype: string, values: ArrayLike<number | bigint> | number | bigint | boolean): H5Array['data'] {
  const list: Array<number | bigint> = typeof values === 'object' ? Array.from(values as ArrayLike<number | bigint>) : [values as number];
  const numbers = (): number[] => list.map((v) => Number(v));
  switch (dtype) {
    case 'float32': return Float32Array.from(numbers());
    case 'float64': return Float64Array.from(numbers());
    case 'int8': return Int8Array.from(numbers());
    case 'int16': return Int16Array.from(numbers());
    case 'int32': return Int32Array.from(numbers());
    case 'uint8': case 'bool': return Uint8Array.from(numbers());
    case 'uint16': case 'float16': case 'bfloat16': return Uint16Array.from(numbers());
    case 'uint32': return Uint32Array.from(numbers());
    case 'int64': return BigInt64Array.from(list.map((v) => BigInt(v)));
    case 'uint64': return BigUint64Array.from(list.map((v) => BigInt(v)));
    default: throw new ValueError(`Unsupported HDF5 dataset dtype "${dtype}".`);
  }
}

function readUint(bytes: Uint8Array, offset: number, size: number): number | null {
  if (offset + size > bytes.length) return null;
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + bytes[offset + i]!;
  // HDF5's "undefined address" is all ones.
  return bytes.subarray(offset, offset + size).every((b) => b === 0xff) ? null : value;
}

/**
 * The byte length an HDF5 file declares in its superblock (the end-of-file address, absolute even after a user block), so a truncated
 * file is refused with a clear message before HDF5 reads it; `null` if the superblock cannot tell.
 */
export function hdf5DeclaredLength(bytes: Uint8Array): number | null {
  if (!SIGNATURE.every((b, i) => bytes[i] === b) || bytes.length < 12) return null;
  const version = bytes[8]!;
  if (version === 0 || version === 1) {
    const sizeOfOffsets = bytes[13]!;
    const start = version === 0 ? 24 : 28;
    const base = readUint(bytes, start, sizeOfOffsets);
    const eof = readUint(bytes, start + 2 * sizeOfOffsets, sizeOfOffsets);
    return base === null || eof === null ? null : eof;
  }
  if (version === 2 || version === 3) {
    const sizeOfOffsets = bytes[9]!;
    const base = readUint(bytes, 12, sizeOfOffsets);
    const eof = readUint(bytes, 12 + 2 * sizeOfOffsets, sizeOfOffsets);
    return base === null || eof === null ? null : eof;
  }
  return null;
}
