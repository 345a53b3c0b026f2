/**
 * Batched inference for `Model.predict`: slices the inputs along the batch axis, runs each batch inside `tidy`,
 * and concatenates the outputs, so only the result survives.
 */
import { ops, tidy, ValueError, type Tensor } from '@strata/core';
import { tree } from '@strata/layers';

/** Options of `predict`. */
export interface PredictOptions {
  /** Samples per batch (default 32). */
  batchSize?: number;
  /** Accepted for Keras compatibility; `predict` draws no progress bar. */
  verbose?: number | 'auto';
}

function sliceRows(t: Tensor, start: number, size: number): Tensor {
  const begin = t.shape.map((_, i) => (i === 0 ? start : 0));
  const sizes = t.shape.map((d, i) => (i === 0 ? size : d));
  return ops.slice(t, begin, sizes);
}

/** Runs `step` on every batch of `x` and returns the concatenated outputs (same structure as one batch's). */
export function predictBatches(step: (batch: unknown) => unknown, x: unknown, options: PredictOptions): any {
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new ValueError(`Argument "batchSize" must be a positive integer. Received: batchSize=${JSON.stringify(options.batchSize)}`);
  const inputs = tree.flatten<Tensor>(x);
  if (inputs.length === 0 || inputs.some((t) => !t || typeof t !== 'object' || !('shape' in t))) {
    throw new ValueError('predict(x) expects a tensor, or a list or record of tensors.');
  }
  const n = inputs[0]!.shape[0];
  if (n === undefined) throw new ValueError('predict(x): inputs must have a batch dimension (rank ≥ 1).');
  for (const t of inputs) {
    if (t.shape[0] !== n) {
      throw new ValueError(`predict(x): all inputs must have the same number of samples. Received sizes ${JSON.stringify(inputs.map((i) => i.shape[0]))}.`);
    }
  }
  let structure: unknown = null;
  const parts: Tensor[][] = [];
  for (let start = 0; start < n || (n === 0 && start === 0); start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const flatOut = tidy(() => {
      const batch = tree.mapStructure((t: Tensor) => sliceRows(t, start, size), x);
      const out = step(batch);
      structure ??= tree.mapStructure(() => 0, out);
      const flat = tree.flatten<Tensor>(out);
      const given = new Set(tree.flatten(batch));
      return flat.map((t) => (given.has(t) ? ops.clone(t) : t));
    });
    flatOut.forEach((t, i) => (parts[i] ??= []).push(t));
    if (n === 0) break;
  }
  const outputs = parts.map((chunks) => {
    if (chunks.length === 1) return chunks[0]!;
    const joined = ops.concat(chunks, 0);
    for (const c of chunks) c.dispose();
    return joined;
  });
  return tree.packSequenceAs(structure, outputs);
}
