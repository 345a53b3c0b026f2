/**
 * Argument validation shared by the convolution, pooling and spatial reshaping layers, with Keras' error messages
 * (`keras/src/utils/argument_validation.py`, `backend.standardize_data_format`).
 */
import { ValueError } from '@strata/core';

/** Keras' `data_format`: where the channels axis is. */
export type DataFormat = 'channels_last' | 'channels_first';

/** Keras' `padding` of convolutions and pooling (`'causal'` only for `Conv1D`). */
export type PaddingMode = 'valid' | 'same' | 'causal';

/** An int, or one int per dimension. */
export type IntOrTuple = number | ReadonlyArray<number>;

function show(value: unknown): string {
  return Array.isArray(value) ? `(${value.map(show).join(', ')})` : JSON.stringify(value) ?? String(value);
}

/**
 * Keras' `standardize_tuple`: an int repeated `n` times, or a list of `n` ints; every value `> 0` (or `>= 0` with
 * `allowZero`).
 *
 * @example
 * standardizeTuple(3, 2, 'kernel_size'); // [3, 3]
 */
export function standardizeTuple(value: unknown, n: number, name: string, allowZero = false): number[] {
  let msg = `The \`${name}\` argument must be a tuple of ${n} integers. Received ${name}=${show(value)}`;
  let tuple: number[];
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new ValueError(msg);
    tuple = Array.from({ length: n }, () => value);
  } else {
    if (!Array.isArray(value) || value.length !== n) throw new ValueError(msg);
    for (const v of value) {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new ValueError(`${msg}including element ${show(v)} of type ${typeof v}`);
    }
    tuple = [...(value as number[])];
  }
  const bad = [...new Set(tuple.filter((v) => (allowZero ? v < 0 : v <= 0)))];
  if (bad.length) {
    msg += `, including values {${bad.join(', ')}} that do not satisfy \`value ${allowZero ? '>= 0' : '> 0'}\``;
    throw new ValueError(msg);
  }
  return tuple;
}

/** Keras' `standardize_padding`: `'valid'` or `'same'` (or `'causal'`), case-insensitive. */
export function standardizePadding(value: unknown, allowCausal = false): PaddingMode {
  const allowed = allowCausal ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  const padding = typeof value === 'string' ? value.toLowerCase() : value;
  if (typeof padding !== 'string' || !allowed.includes(padding)) {
    throw new ValueError(`The \`padding\` argument must be a list/tuple or one of {${allowed.map((a) => `'${a}'`).join(', ')}}. Received: ${String(padding)}`);
  }
  return padding as PaddingMode;
}

/** Keras' `standardize_data_format`: `'channels_last'` (the default) or `'channels_first'`. */
export function standardizeDataFormat(value: unknown): DataFormat {
  if (value == null) return 'channels_last';
  const format = String(value).toLowerCase();
  if (format !== 'channels_first' && format !== 'channels_last') {
    throw new ValueError(`The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${String(value)}`);
  }
  return format;
}

const ORDINALS = ['1st', '2nd', '3rd'];

/**
 * The `padding` of `ZeroPadding2D/3D` and the `cropping` of `Cropping2D/3D`: an int (the same on every side), one int
 * per dimension (the same on both sides) or one `[before, after]` pair per dimension, as Keras parses them. `forms`
 * completes Keras' message for a value of another type.
 *
 * @example
 * standardizeSidePairs(1, 2, 'padding', '…'); // [[1, 1], [1, 1]]
 * standardizeSidePairs([[1, 0], 2], 2, 'cropping', '…'); // [[1, 0], [2, 2]]
 */
export function standardizeSidePairs(value: unknown, rank: number, name: string, forms: string): Array<[number, number]> {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value < 0) throw new ValueError(`\`${name}\` cannot be negative. Received: ${name}=${value}.`);
    return Array.from({ length: rank }, () => [value, value] as [number, number]);
  }
  if (Array.isArray(value)) {
    if (value.length !== rank) {
      throw new ValueError(rank === 2
        ? `\`${name}\` should have two elements. Received: ${name}=${show(value)}.`
        : `\`${name}\` should have ${rank} elements. Received: ${show(value)}.`);
    }
    return value.map((entry, i) => standardizeTuple(entry, 2, `${ORDINALS[i]} entry of ${name}`, true) as [number, number]);
  }
  throw new ValueError(`\`${name}\` should be either an int, ${forms}. Received: ${rank === 2 ? `${name}=` : ''}${show(value)}.`);
}
