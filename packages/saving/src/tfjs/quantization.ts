/**
 * TF.js weight quantization, as tfjs-converter writes it (`quantization.py`) and tfjs-core reads it
 * (`io_utils.ts` `decodeWeight`): affine uint8/uint16 with a zero point nudged onto the grid, and float16.
 */
import { ValueError } from '@strata/core';
import { floatToHalf, halfToFloat } from '../host-array.js';

/** A manifest entry's `quantization` field. */
export interface Quantization {
  dtype: 'uint8' | 'uint16' | 'float16';
  min?: number;
  scale?: number;
  /** Written by the converter; informational. */
  original_dtype?: string;
}

/** numpy's `round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Quantizes float32 values as the converter does: `scale = (max − min) / qmax`; when 0 lies in [min, max] the
 * minimum is nudged so 0 is exact (`nudgedMin = −round(−min / scale) · scale`); `q = round((clip(x) − min) / scale)`.
 * A constant tensor gives q = 0, scale = 1.
 *
 * @example
 * quantize(Float32Array.of(-1, 0, 1), 'uint8'); // { data: Uint8Array [0, 128, 255], quantization: { dtype: 'uint8', min: -1.0039…, scale: 0.00784… } }
 */
export function quantize(values: Float32Array, dtype: Quantization['dtype']): { data: Uint8Array | Uint16Array; quantization: Quantization } {
  if (dtype === 'float16') {
    return { data: Uint16Array.from(values, floatToHalf), quantization: { dtype, original_dtype: 'float32' } };
  }
  const qmax = dtype === 'uint8' ? 255 : 65535;
  const Out = dtype === 'uint8' ? Uint8Array : Uint16Array;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0 || min === max) {
    return { data: new Out(values.length), quantization: { dtype, min: values.length ? min : 0, scale: 1, original_dtype: 'float32' } };
  }
  const scale = (max - min) / qmax;
  if (min <= 0 && 0 <= max) {
    min = -roundHalfEven(-min / scale) * scale;
    max = min + qmax * scale;
  }
  const data = new Out(values.length);
  for (let i = 0; i < values.length; i++) {
    const clipped = Math.min(Math.max(values[i]!, min), max);
    data[i] = Math.min(qmax, Math.max(0, roundHalfEven((clipped - min) / scale)));
  }
  return { data, quantization: { dtype, min, scale, original_dtype: 'float32' } };
}

/** Dequantizes as tfjs-core: `q · scale + min` (rounded for int32), or float16 → float32. */
export function dequantize(q: Uint8Array | Uint16Array, quantization: Quantization, dtype: string, name: string): Float32Array | Int32Array {
  if (quantization.dtype === 'float16') {
    if (dtype !== 'float32') throw new ValueError(`Weight "${name}": float16 quantization applies to float32 weights, not ${dtype}.`);
    return Float32Array.from(q, halfToFloat);
  }
  const { min, scale } = quantization;
  if (typeof min !== 'number' || typeof scale !== 'number') {
    throw new ValueError(`Weight "${name}": ${quantization.dtype} quantization needs numeric "min" and "scale", received min=${String(min)}, scale=${String(scale)}.`);
  }
  if (dtype === 'int32') return Int32Array.from(q, (v) => Math.round(v * scale + min));
  if (dtype === 'float32') return Float32Array.from(q, (v) => v * scale + min);
  throw new ValueError(`Weight "${name}": cannot dequantize to dtype ${dtype}.`);
}
