/**
 * The TF.js weights manifest and its binary data (tfjs-core `io/types.ts`, `io_utils.ts`): every weight of a group
 * concatenated in manifest order, little-endian, then cut into shards `group1-shard{i}of{n}.bin`.
 */
import { ValueError } from '@strata/core';
import { sizeOf } from '../h5/h5-data.js';
import type { NamedArray } from '../host-array.js';
import { dequantize, quantize, type Quantization } from './quantization.js';

/** One weight in a manifest group. */
export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  group?: string;
  quantization?: Quantization;
}

/** A manifest group: its shard files and the weights stored in them, in order. */
export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** tfjs' default shard size: 4 MiB. */
export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Options of `encodeWeights`. */
export interface EncodeOptions {
  /** Quantize float32 weights (all, or those `quantizeFilter` accepts) to this dtype. */
  quantize?: Quantization['dtype'];
  quantizeFilter?: (name: string) => boolean;
}

/** The manifest entries and concatenated bytes for `arrays` (float32, int32 or bool). */
export function encodeWeights(arrays: readonly NamedArray[], options: EncodeOptions = {}): { entries: WeightsManifestEntry[]; data: Uint8Array } {
  const entries: WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const a of arrays) {
    if (!['float32', 'int32', 'bool'].includes(a.dtype)) throw new ValueError(`Cannot write weight "${a.name}" of dtype ${a.dtype} to the TF.js format (float32, int32 or bool).`);
    const entry: WeightsManifestEntry = { name: a.name, shape: [...a.shape], dtype: a.dtype };
    let data: ArrayBufferView = a.data;
    if (options.quantize && a.dtype === 'float32' && (options.quantizeFilter?.(a.name) ?? true)) {
      const q = quantize(a.data as Float32Array, options.quantize);
      entry.quantization = q.quantization;
      data = q.data;
    } else if (a.dtype === 'bool') {
      data = Uint8Array.from(a.data as Uint8Array, (v) => (v ? 1 : 0));
    } else if (a.dtype === 'float32' && !(a.data instanceof Float32Array)) {
      data = Float32Array.from(a.data as ArrayLike<number>);
    } else if (a.dtype === 'int32' && !(a.data instanceof Int32Array)) {
      data = Int32Array.from(a.data as ArrayLike<number>);
    }
    entries.push(entry);
    parts.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return { entries, data: concatBytes(parts) };
}

/** One buffer holding `parts` back to back. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Cuts `data` into shards of at most `shardBytes`, named as tfjs-converter names them. */
export function shardWeights(data: Uint8Array, shardBytes = DEFAULT_SHARD_BYTES, group = 1): Array<[string, Uint8Array]> {
  const n = Math.max(1, Math.ceil(data.length / shardBytes));
  return Array.from({ length: n }, (_, i) => [`group${group}-shard${i + 1}of${n}.bin`, data.subarray(i * shardBytes, (i + 1) * shardBytes)]);
}

function bytesPerElement(entry: WeightsManifestEntry): number {
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  const n = BYTES[dtype];
  if (!n) throw new ValueError(`Weight "${entry.name}" has dtype ${dtype}; expected float32, int32 or bool (quantized: uint8, uint16 or float16).`);
  return n;
}

function checkShape(entry: WeightsManifestEntry): void {
  if (!Array.isArray(entry.shape) || entry.shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(`Weight "${entry.name}" has an invalid shape ${JSON.stringify(entry.shape)}.`);
  }
}

/**
 * Decodes the weights of one group from its concatenated shard bytes, dequantizing as tfjs-core does. The byte
 * length must be exactly what the entries need.
 */
export function decodeWeights(entries: readonly WeightsManifestEntry[], data: Uint8Array, label = 'weights'): NamedArray[] {
  const out: NamedArray[] = [];
  let offset = 0;
  for (const entry of entries) {
    checkShape(entry);
    const n = sizeOf(entry.shape);
    const nbytes = n * bytesPerElement(entry);
    if (offset + nbytes > data.length) {
      throw new ValueError(`${label}: weight "${entry.name}" needs bytes ${offset}…${offset + nbytes}, but the shards hold only ${data.length} bytes (missing or truncated shard).`);
    }
    const slice = data.slice(offset, offset + nbytes);
    offset += nbytes;
    const q = entry.quantization;
    let values: NamedArray['data'];
    if (q) {
      const raw = q.dtype === 'uint8' ? slice : q.dtype === 'uint16' || q.dtype === 'float16' ? new Uint16Array(slice.buffer, 0, n) : null;
      if (!raw) throw new ValueError(`Weight "${entry.name}" has unsupported quantization dtype ${String(q.dtype)}.`);
      values = dequantize(raw, q, entry.dtype, entry.name);
    } else if (entry.dtype === 'float32') values = new Float32Array(slice.buffer, 0, n);
    else if (entry.dtype === 'int32') values = new Int32Array(slice.buffer, 0, n);
    else values = slice;
    out.push({ name: entry.name, shape: [...entry.shape], dtype: entry.dtype, data: values });
  }
  if (offset !== data.length) throw new ValueError(`${label}: the shards hold ${data.length} bytes, but the manifest describes ${offset}.`);
  return out;
}
