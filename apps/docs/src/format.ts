/**
 * Turns playground and demo values into short readable text: tensors show dtype, shape and values (large ones
 * truncated), numbers are rounded to 6 significant digits.
 *
 * @example
 * formatValue(tensor([[1, 2], [3, 4]])); // 'Tensor float32 [2,2]\n[[1, 2], [3, 4]]'
 */
import { Tensor } from '@strata/core';

/** Tensors with more elements than this print only their first values. */
export const MAX_PRINTED_ELEMENTS = 256;

/** A number rounded to 6 significant digits, without trailing zeros. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

function formatNested(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatNested).join(', ')}]`;
  if (typeof value === 'number') return formatNumber(value);
  return JSON.stringify(value) ?? String(value);
}

function formatTensor(t: Tensor): string {
  if (t.isDisposed) return `Tensor ${t.dtype} [${t.shape.join(',')}] (disposed)`;
  const head = `Tensor ${t.dtype} [${t.shape.join(',')}]`;
  if (t.size > MAX_PRINTED_ELEMENTS) {
    const first = Array.from(t.dataSync().subarray(0, 8) as ArrayLike<number>, (v) => formatNested(v));
    return `${head}\n[${first.join(', ')}, … ${t.size - 8} more]`;
  }
  return `${head}\n${formatNested(t.arraySync())}`;
}

/** Readable text for any value a snippet prints or returns. */
export function formatValue(value: unknown): string {
  if (value instanceof Tensor) return formatTensor(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (Array.isArray(value) && value.some((v) => v instanceof Tensor)) return value.map(formatValue).join('\n');
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    try {
      return JSON.stringify(value, (_key, v: unknown) => (v instanceof Tensor ? formatTensor(v) : v), 2);
    } catch {
      return String(value);
    }
  }
  return formatNested(value);
}
