import type { GoldenDType, GoldenTensor } from './types.js';

/** How the generator tags an array: base64 of little-endian values in C order. */
export interface EncodedTensor {
  __ndarray__: string;
  dtype: GoldenDType;
  shape: number[];
}

export function isEncodedTensor(value: unknown): value is EncodedTensor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { __ndarray__?: unknown }).__ndarray__ === 'string'
  );
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function base64ToBytes(b64: string): Uint8Array {
  if (typeof Buffer !== 'undefined') {
    const buf = Buffer.from(b64, 'base64');
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Decodes one tagged array. Throws if the byte count does not match the shape. */
export function decodeTensor(encoded: EncodedTensor): GoldenTensor {
  const { dtype, shape } = encoded;
  if (dtype !== 'float32' && dtype !== 'int32') {
    throw new Error(`Keras golden: unsupported dtype ${String(dtype)} (expected float32 or int32)`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const bytes = base64ToBytes(encoded.__ndarray__);
  if (bytes.byteLength !== size * 4) {
    throw new Error(
      `Keras golden: ${bytes.byteLength} bytes for shape [${shape.join(', ')}] (${dtype}), expected ${size * 4}`,
    );
  }
  // Copy into a fresh, aligned buffer (the base64 decoder's buffer may be pooled or unaligned).
  const aligned = new ArrayBuffer(size * 4);
  new Uint8Array(aligned).set(bytes);
  let data: Float32Array | Int32Array;
  if (HOST_IS_LITTLE_ENDIAN) {
    data = dtype === 'float32' ? new Float32Array(aligned) : new Int32Array(aligned);
  } else {
    const view = new DataView(aligned);
    data = dtype === 'float32' ? new Float32Array(size) : new Int32Array(size);
    for (let i = 0; i < size; i++) {
      data[i] = dtype === 'float32' ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
    }
  }
  return { shape: [...shape], dtype, data };
}

/** Recursively replaces every tagged array in a parsed fixture with a {@link GoldenTensor}. */
export function decodeGolden<T = unknown>(value: unknown): T {
  if (isEncodedTensor(value)) return decodeTensor(value) as T;
  if (Array.isArray(value)) return value.map((v) => decodeGolden(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeGolden(v);
    return out as T;
  }
  return value as T;
}

/** Encodes values the way the generator does (used by tests and by the parity script's node side). */
export function encodeTensor(t: GoldenTensor): EncodedTensor {
  const bytes = new Uint8Array(t.data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < t.data.length; i++) {
    if (t.dtype === 'float32') view.setFloat32(i * 4, t.data[i]!, true);
    else view.setInt32(i * 4, t.data[i]!, true);
  }
  const b64 =
    typeof Buffer !== 'undefined'
      ? Buffer.from(bytes).toString('base64')
      : btoa(String.fromCharCode(...bytes));
  return { __ndarray__: b64, dtype: t.dtype, shape: [...t.shape] };
}

/** Row-major nested arrays of a tensor (handy in assertion messages). */
export function toNested(t: GoldenTensor): unknown {
  if (t.shape.length === 0) return t.data[0];
  const build = (offset: number, dim: number): unknown => {
    const n = t.shape[dim]!;
    const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      out.push(dim === t.shape.length - 1 ? t.data[offset + i] : build(offset + i * stride, dim + 1));
    }
    return out;
  };
  return build(0, 0);
}
