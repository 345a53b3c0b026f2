/** Test helpers: the Keras-written fixtures of tools/keras-golden/saving_files.py, and predictions as arrays. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tensor, type Tensor } from '@strata/core';
import { decodeGolden, type GoldenTensor } from '@strata/test-utils';
import type { Model } from '@strata/models';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'keras');

/** A case written by Keras: inputs, predictions, weights (and optimizer variables for `compiled`). */
export interface SavingCase {
  case: string;
  inputs: GoldenTensor[];
  input_names: string[];
  predictions: GoldenTensor[];
  weights: { path: string; value: GoldenTensor }[];
  optimizer_variables?: { path: string; value: GoldenTensor }[];
  shards?: string[];
}

export const CASES = ['seq_mlp', 'multi_io', 'nested', 'compiled', 'sharded'] as const;

/** The JSON of a case. */
export function savingCase(name: string): SavingCase {
  return decodeGolden<SavingCase>(JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8')));
}

/** The path of a file of a case (`model.keras`, `model.h5`, `model.weights.h5`, `sharded/…`). */
export function casePath(name: string, file: string): string {
  return join(ROOT, name, file);
}

/** The bytes of a file of a case. */
export function caseBytes(name: string, file: string): Uint8Array {
  const b = readFileSync(casePath(name, file));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The inputs of a case as tensors (the caller disposes them). */
export function caseInputs(c: SavingCase): Tensor[] {
  return c.inputs.map((t) => tensor(t.data, t.shape, t.dtype));
}

/** Runs `model.predict` on the case inputs and returns every output's values (tensors disposed). */
export function predictArrays(model: Model, inputs: Tensor[]): { shape: number[]; data: Float32Array }[] {
  const out = model.predict<Tensor | Tensor[]>(inputs.length === 1 ? inputs[0]! : inputs);
  const list = Array.isArray(out) ? out : [out];
  const arrays = list.map((t) => ({ shape: [...t.shape], data: t.dataSync() as Float32Array }));
  for (const t of list) t.dispose();
  return arrays;
}

/** The largest |a − b| over two lists of arrays (Infinity when shapes differ). */
export function maxAbsDiff(a: { shape: number[]; data: ArrayLike<number> }[], b: { shape: number[]; data: ArrayLike<number> }[]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  a.forEach((x, i) => {
    const y = b[i]!;
    if (x.shape.join() !== y.shape.join() || x.data.length !== y.data.length) worst = Infinity;
    for (let k = 0; k < x.data.length; k++) worst = Math.max(worst, Math.abs(x.data[k]! - y.data[k]!));
  });
  return worst;
}
