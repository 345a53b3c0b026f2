/**
 * Turns what `fit`, `evaluate` and `predict` receive (tensors, arrays of numbers, lists and records of them, or an
 * iterable of batches) into a batch source, with Keras' argument checks.
 */
import { SeedGenerator, Tensor, ValueError } from '@strata/core';
import { isBatchIterable, IterableBatches, type BatchIterable } from './iterable-batches.js';
import { classWeightToSampleWeights, TensorBatches, toTensorStructure, type ShuffleMode } from './tensor-batches.js';

/** Inputs or labels: a tensor, an array of numbers, or a list or record of them. */
export type TensorData = Tensor | number[] | ArrayBufferView | unknown[] | Record<string, unknown>;

/** What the loops accept as `x`: tensor data, or an iterable of batches (`[x, y]`, `[x, y, sampleWeight]`). */
export type DataInput = TensorData | BatchIterable;

/** How to cut `x`/`y` into batches. */
export interface SourceOptions {
  y?: unknown;
  sampleWeight?: unknown;
  classWeight?: Record<string | number, number> | null;
  batchSize?: number | null;
  steps?: number | null;
  shuffle?: ShuffleMode;
  seed?: SeedGenerator;
  /** Tensors created on the way (converted arrays, class weights), for the caller to free. */
  created: Tensor[];
  /** The calling method, for errors. */
  method: string;
}

/** A batch source over `x` (and `y`, sample weights), converting arrays and class weights. */
export async function makeSource(x: unknown, options: SourceOptions): Promise<TensorBatches | IterableBatches> {
  if (x === undefined || x === null) throw new ValueError(`${options.method}() needs \`x\`: tensors, arrays, or an iterable of batches.`);
  if (isBatchIterable(x)) {
    for (const [name, value] of [['y', options.y], ['sampleWeight', options.sampleWeight], ['classWeight', options.classWeight]] as const) {
      if (value != null) {
        throw new ValueError(`\`${name}\` cannot be passed to ${options.method}() when \`x\` is an iterable of batches: include it in each batch ([x, y, sampleWeight]).`);
      }
    }
    return new IterableBatches(x);
  }
  const tx = toTensorStructure(x, 'x', options.created);
  const ty = toTensorStructure(options.y, 'y', options.created);
  let sw = toTensorStructure(options.sampleWeight, 'sampleWeight', options.created);
  if (options.classWeight != null) {
    if (sw != null) throw new ValueError('You cannot pass `classWeight` and `sampleWeight` at the same time.');
    if (ty == null) throw new ValueError('`classWeight` needs labels `y`.');
    sw = await classWeightToSampleWeights(ty, options.classWeight);
    options.created.push(sw as Tensor);
  }
  return new TensorBatches({ x: tx, y: ty, sampleWeight: sw, batchSize: options.batchSize, steps: options.steps, shuffle: options.shuffle, seed: options.seed });
}

/** Rejects option keys the loop does not know (a snake_case or misspelt key would otherwise be ignored). */
export function checkOptions(options: object, accepted: readonly string[], method: string): void {
  const unknown = Object.keys(options).filter((k) => !accepted.includes(k));
  if (unknown.length) throw new ValueError(`Unknown ${method}() option${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Accepted: ${accepted.join(', ')}.`);
}

/** Keras' check of a positive integer argument. */
export function checkPositiveInt(value: unknown, name: string): void {
  if (value !== undefined && value !== null && (!Number.isInteger(value) || (value as number) <= 0)) {
    throw new ValueError(`Argument \`${name}\` must be a positive integer. Received: ${name}=${JSON.stringify(value)}`);
  }
}
