import type { DataType } from '@tensorflow/tfjs-core';

/** The dtypes tensors can hold. Keras' float16/float64/int64 are stored as float32/int32 on tfjs backends. */
export type DType = DataType;

const ALIASES: Record<string, DataType> = {
  float32: 'float32', float16: 'float32', float64: 'float32', bfloat16: 'float32', float: 'float32',
  int32: 'int32', int64: 'int32', int16: 'int32', int8: 'int32', uint8: 'int32', uint16: 'int32', uint32: 'int32', int: 'int32',
  bool: 'bool', string: 'string', complex64: 'complex64',
};

/**
 * Resolves a Keras dtype name (or a DTypePolicy config's `name`) to the tfjs dtype that stores it.
 *
 * @example
 * standardizeDtype('float64'); // 'float32'
 */
export function standardizeDtype(dtype: string | { name?: string; config?: { name?: string } } | null | undefined): DataType {
  if (dtype == null) return 'float32';
  const name = typeof dtype === 'string' ? dtype : (dtype.config?.name ?? dtype.name ?? 'float32');
  const policyCompute = name.startsWith('mixed_') ? 'float32' : name;
  const out = ALIASES[policyCompute];
  if (!out) throw new Error(`Unknown dtype "${name}". Expected one of: ${Object.keys(ALIASES).join(', ')}.`);
  return out;
}

/** Whether a dtype is a floating-point type. */
export function isFloatDtype(dtype: string): boolean {
  return standardizeDtype(dtype) === 'float32';
}
