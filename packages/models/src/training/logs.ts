/** Reading a step's logs back from the device, once per step. */
import { Tensor } from '@strata/core';
import type { Logs } from '../callbacks/callback.js';
import { pythonifyLogs } from '../callbacks/callback-list.js';

/**
 * Reads the values of `logs` (scalar tensors become numbers), frees the tensors,
 * and returns Keras' `pythonify_logs` form: nested records flattened, keys sorted.
 */
export async function readLogs(logs: Record<string, unknown> | null | undefined): Promise<Logs> {
  const flat = pythonifyShallow(logs);
  const out: Record<string, unknown> = { ...flat };
  const tensors = Object.entries(flat).filter((e): e is [string, Tensor] => e[1] instanceof Tensor);
  // On the CPU-side backends (wasm, cpu) a read is a copy, cheaper than the kernels that would batch the reads.
  const values = await Promise.all(tensors.map(([, t]) => (t.size === 1 ? t.data() : t.array())));
  tensors.forEach(([k, t], i) => {
    const v = values[i]!;
    out[k] = t.size === 1 ? Number((v as ArrayLike<number>)[0]) : v;
    t.dispose();
  });
  return pythonifyLogs(out);
}

function pythonifyShallow(logs: Record<string, unknown> | null | undefined, into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(logs ?? {})) {
    if (v !== null && typeof v === 'object' && !(v instanceof Tensor) && !Array.isArray(v)) pythonifyShallow(v as Record<string, unknown>, into);
    else into[k] = v;
  }
  return into;
}
