/**
 * A model's variables in Keras 3's layout: collected for writing (`collectEntries`), and restored from any
 * `WeightsSource` (`restoreEntries`) after checking every count and shape first, so a mismatch changes nothing.
 */
import { dispose, ValueError, type Tensor } from '@strata/core';
import type { Layer } from '@strata/layers';
import { fromTensor, toTensor, type HostArray } from '../host-array.js';
import { ownVariables, saveableEntries, type SaveableEntry } from './saveable-tree.js';
import type { StoredEntry, WeightsSource } from './weights-h5.js';

/** Every saveable's variables with its path, values read back from the tensors. */
export async function collectEntries(model: Layer, options: { includeOptimizer?: boolean } = {}): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for (const e of saveableEntries(model)) {
    if (e.optimizer && options.includeOptimizer === false) continue;
    const tensors = e.layer ? ownVariables(e.layer) : e.optimizer!.variables.map((v) => v.value);
    out.push({ path: e.path, name: e.name, arrays: await Promise.all(tensors.map(fromTensor)) });
  }
  return out;
}

function shapeString(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The variable names of a layer's own variables, for error messages. */
function ownVariableNames(layer: Layer): string[] {
  return [...layer._trainableVariables, ...layer._nonTrainableVariables].map((v) => v.path);
}

/** Options of `restoreEntries`. */
export interface RestoreOptions {
  /** Skip (with a warning) layers whose variable count or shapes differ, instead of failing. */
  skipMismatch?: boolean;
  /** Whether to restore the optimizer's variables when the file has them (default true). */
  includeOptimizer?: boolean;
}

interface Planned {
  entry: SaveableEntry;
  arrays: HostArray[];
}

function describe(e: SaveableEntry): string {
  return e.layer ? `Layer "${e.layer.name}"` : `Optimizer "${e.optimizer!.name}"`;
}

/**
 * Assigns the stored variables to `model`: each layer's own variables from its path, the optimizer's (built first
 * on the model's trainable weights if needed). Nothing is assigned unless every count and shape matches.
 */
export function restoreEntries(model: Layer, source: WeightsSource, options: RestoreOptions = {}): void {
  const plan: Planned[] = [];
  for (const entry of saveableEntries(model)) {
    const where = `"${entry.path || '/'}" in "${source.label}"`;
    const arrays = source.get(entry.path);
    if (entry.optimizer) {
      if (options.includeOptimizer === false || !arrays || arrays.length === 0) continue;
      const opt = entry.optimizer;
      if (!opt.built) opt.build(model.trainableWeights);
      const shapes = opt.variables.map((v) => v.value.shape);
      if (shapes.length !== arrays.length) {
        const msg = `${describe(entry)} expected ${shapes.length} variables, but ${where} holds ${arrays.length}.`;
        if (options.skipMismatch) { console.warn(`Skipping: ${msg}`); continue; }
        throw new ValueError(msg);
      }
      plan.push({ entry, arrays });
      continue;
    }
    const layer = entry.layer!;
    const expected = ownVariables(layer).map((t) => t.shape);
    const got = arrays ?? [];
    let mismatch: string | null = null;
    if (got.length !== expected.length) {
      mismatch = `${describe(entry)} expected ${expected.length} variables, but ${where} holds ${got.length}` +
        (expected.length ? `. Expected: ${JSON.stringify(ownVariableNames(layer))}` : '') + '.';
    } else {
      const names = ownVariableNames(layer);
      const i = expected.findIndex((s, k) => s.length !== got[k]!.shape.length || s.some((d, j) => d !== got[k]!.shape[j]));
      if (i >= 0) {
        mismatch = `${describe(entry)} weight "${names[i] ?? i}" has shape ${shapeString(expected[i]!)}, but ${where} holds shape ${shapeString(got[i]!.shape)} (vars/${i}).`;
      }
    }
    if (mismatch) {
      if (options.skipMismatch) { console.warn(`Skipping: ${mismatch}`); continue; }
      throw new ValueError(mismatch);
    }
    if (got.length) plan.push({ entry, arrays: got });
  }
  for (const { entry, arrays } of plan) {
    const tensors: Tensor[] = arrays.map(toTensor);
    try {
      if (entry.layer) {
        const store: Record<string, Tensor> = {};
        tensors.forEach((t, i) => { store[String(i)] = t; });
        entry.layer.loadOwnVariables(store);
      } else {
        entry.optimizer!.setWeights(tensors);
      }
    } finally {
      dispose(tensors);
    }
  }
}
