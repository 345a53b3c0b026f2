/**
 * `HostArray`: weight values in host memory (a flat typed array, its shape and dtype), the form every file format
 * reads and writes, and its conversion to and from tensors.
 */
import { ops, ValueError, type DataType, type Tensor } from '@strata/core';

/** Values in row-major order with their shape and dtype name (`float32`, `int32`, `float16` bit patterns…). */
export interface HostArray {
  dtype: string;
  shape: number[];
  data: Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | BigInt64Array | BigUint64Array;
}

/** A HostArray with a name (a weight in a TF.js manifest, an HDF5 dataset path). */
export interface NamedArray extends HostArray {
  name: string;
}

/** float16 bits → number (exact). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** number → float16 bits, rounding to nearest even (as numpy's `astype(np.float16)`). */
export function floatToHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let r = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    if (rest > half || (rest === half && r & 1)) r++;
    return sign | r;
  }
  let r = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && r & 1)) r++;
  return sign | r;
}

/** bfloat16 bits → number (exact). */
export function bfloat16ToFloat(h: number): number {
  u32[0] = h << 16;
  return f32[0]!;
}

/** The tensor dtype a stored dtype loads as (float16/bfloat16/float64 → float32, int8…uint32 → int32, bool → bool). */
export function tensorDtypeOf(dtype: string): DataType {
  if (dtype === 'bool') return 'bool';
  if (/^(u?int)(8|16|32|64)$/.test(dtype)) return 'int32';
  if (/^(b?float)(16|32|64)$/.test(dtype)) return 'float32';
  throw new ValueError(`Cannot load values of dtype "${dtype}" into a tensor.`);
}

/** The values as numbers a tensor can hold (half-precision bit patterns decoded). */
export function hostValues(arr: HostArray): Float32Array | Int32Array | Uint8Array {
  const { dtype, data } = arr;
  if (dtype === 'float32' && data instanceof Float32Array) return data;
  if (dtype === 'int32' && data instanceof Int32Array) return data;
  if (dtype === 'float16') return Float32Array.from(data as Uint16Array, halfToFloat);
  if (dtype === 'bfloat16') return Float32Array.from(data as Uint16Array, bfloat16ToFloat);
  const out = tensorDtypeOf(dtype);
  const nums = Array.from(data as ArrayLike<number | bigint>, (v) => Number(v));
  return out === 'float32' ? Float32Array.from(nums) : out === 'bool' ? Uint8Array.from(nums) : Int32Array.from(nums);
}

/** A new tensor holding `arr` (the caller owns it). */
export function toTensor(arr: HostArray): Tensor {
  return ops.tensor(hostValues(arr), arr.shape, tensorDtypeOf(arr.dtype));
}

/** A tensor's values in host memory (reads them back). */
export async function fromTensor(t: Tensor): Promise<HostArray> {
  const values = await t.data();
  const dtype = t.dtype === 'bool' ? 'bool' : t.dtype === 'int32' ? 'int32' : t.dtype === 'float32' ? 'float32' : null;
  if (!dtype) throw new ValueError(`Cannot save a tensor of dtype "${t.dtype}".`);
  const data = dtype === 'float32' ? Float32Array.from(values as Float32Array) : dtype === 'int32' ? Int32Array.from(values as Int32Array) : Uint8Array.from(values as Uint8Array);
  return { dtype, shape: [...t.shape], data };
}
