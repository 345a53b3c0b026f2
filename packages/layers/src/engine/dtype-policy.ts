/**
 * Layer dtype policies, as Keras' `DTypePolicy`: a name (`'float32'`, `'mixed_float16'`…) giving the variable and
 * compute dtypes. tfjs backends store every float as float32, so both resolve to float32 for float policies; the
 * name is kept so configs round-trip.
 */
import { standardizeDtype, ValueError, type DataType } from '@strata/core';

/** A dtype or policy as layers accept it: a name, or a serialized `DTypePolicy` envelope. */
export type DTypeLike = string | { className?: string; config?: { name?: string }; name?: string } | null | undefined;

/** The policy name of a dtype argument (`'float32'` when unset). */
export function policyName(dtype: DTypeLike): string {
  if (dtype == null) return 'float32';
  if (typeof dtype === 'string') return dtype;
  const name = dtype.config?.name ?? dtype.name;
  if (typeof name !== 'string') throw new ValueError(`Cannot interpret dtype ${JSON.stringify(dtype)}: expected a name or a DTypePolicy config.`);
  return name;
}

/** The dtype variables of this policy are stored in. */
export function variableDtypeOf(policy: string): DataType {
  return standardizeDtype(policy.startsWith('mixed_') ? 'float32' : policy);
}

/** The dtype computations of this policy run in (`mixed_float16` computes in float16, stored as float32 here). */
export function computeDtypeOf(policy: string): DataType {
  return standardizeDtype(policy.startsWith('mixed_') ? policy.slice('mixed_'.length) : policy);
}

/** The serialized policy Keras 3 writes in layer configs. */
export function serializePolicy(policy: string): { module: string; className: string; config: { name: string }; registeredName: null } {
  return { module: 'keras', className: 'DTypePolicy', config: { name: policy }, registeredName: null };
}
