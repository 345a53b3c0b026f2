/**
 * Batches cut from tensors held in memory, as Keras' `ArrayDataAdapter`: `ceil(n / batchSize)` batches (the last
 * one partial), a new seeded permutation per pass when shuffling, and Keras' checks (same number of samples
 * everywhere, one sample weight array per output or one shared).
 */
import { ops, random, SeedGenerator, Tensor, tidy, ValueError } from '@strata/core';
import { tree } from '@strata/layers';
import { packXYSampleWeight } from './unpack.js';

/** How to shuffle: `true` (a new order each epoch), `false`, or `'batch'` (within each batch only). */
export type ShuffleMode = boolean | 'batch';

function isNumberArray(x: unknown): boolean {
  if (typeof x === 'number') return true;
  if (ArrayBuffer.isView(x)) return true;
  return Array.isArray(x) && x.length > 0 && isNumberArray(x[0]);
}

/**
 * Converts plain numbers (nested arrays, typed arrays) to tensors inside a structure of tensors; `created` lists
 * the tensors made here (the caller disposes them).
 */
export function toTensorStructure(value: unknown, what: string, created: Tensor[]): unknown {
  if (value === null || value === undefined || value instanceof Tensor) return value;
  if (isNumberArray(value)) {
    const t = ops.tensor(value as number[]);
    created.push(t);
    return t;
  }
  if (Array.isArray(value)) return value.map((v, i) => toTensorStructure(v, `${what}[${i}]`, created));
  if (tree.isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toTensorStructure(v, `${what}.${k}`, created);
    return out;
  }
  throw new ValueError(`Expected \`${what}\` to be a tensor, an array of numbers, or a list or record of them. Received: ${String(value)}.`);
}

/** Keras' `check_data_cardinality`: every array has the same number of samples. */
export function checkCardinality(data: Record<string, unknown>): number {
  const sizes: Record<string, number[]> = {};
  for (const [label, value] of Object.entries(data)) {
    sizes[label] = tree.flatten<Tensor>(value).filter((t) => t != null).map((t) => {
      if (t.rank === 0) throw new ValueError(`\`${label}\` must have a batch dimension (rank ≥ 1); received a scalar.`);
      return t.shape[0]!;
    });
  }
  const all = new Set(Object.values(sizes).flat());
  if (all.size > 1) {
    const detail = Object.entries(sizes).filter(([, s]) => s.length).map(([label, s]) => `'${label}' sizes: ${s.join(', ')}`).join('; ');
    throw new ValueError(`Data cardinality is ambiguous: make sure all arrays contain the same number of samples. ${detail}.`);
  }
  return all.size ? [...all][0]! : 0;
}

/**
 * Expands one sample-weight tensor to every output of a multi-output `y` (it must hold one weight per sample),
 * as Keras' `ArrayDataAdapter`. Per-output weights must match `y`'s structure.
 */
export function standardizeSampleWeight(y: unknown, sampleWeight: unknown): unknown {
  if (sampleWeight == null || !tree.isNested(y)) return sampleWeight;
  if (sampleWeight instanceof Tensor) {
    const t = sampleWeight;
    if (!(t.rank === 1 || (t.rank === 2 && t.shape[1] === 1))) {
      throw new ValueError(
        'For a model with multiple outputs, a single `sampleWeight` must hold one scalar weight per sample (shape [numSamples]). ' +
          `Received shape [${t.shape.join(', ')}]; pass one array per output for non-scalar weights.`,
      );
    }
    return tree.mapStructure(() => t, y);
  }
  if (!tree.sameStructure(y, sampleWeight)) {
    throw new ValueError('You should provide one `sampleWeight` array per output in `y`: the two structures did not match.');
  }
  return sampleWeight;
}

/**
 * Keras' `class_weight_to_sample_weights`: one weight per sample, `classWeight[c]` (or 1) for its class `c` (the
 * argmax of one-hot labels, else the rounded label).
 */
export async function classWeightToSampleWeights(y: unknown, classWeight: Record<string | number, number>): Promise<Tensor> {
  if (!(y instanceof Tensor)) throw new ValueError('`classWeight` is only supported for models with a single output (one `y` tensor).');
  const classes = tidy(() => {
    let c = y;
    if (c.rank > 1) c = c.shape[c.rank - 1] !== 1 ? ops.argMax(c, -1) : ops.squeeze(c, [-1]);
    return ops.cast(ops.round(ops.cast(c, 'float32')), 'int32');
  });
  const values = await classes.data();
  classes.dispose();
  const weights = Float32Array.from(values, (c) => classWeight[c] ?? 1);
  return ops.tensor1d(weights, 'float32');
}

/** Keras' `train_validation_split`: the last `n − floor(n·(1 − split))` samples become the validation data. */
export function trainValidationSplit(arrays: unknown[], split: number, created: Tensor[]): { train: unknown[]; validation: unknown[] } {
  const flat = tree.flatten<unknown>(arrays).filter((t) => t != null);
  if (flat.some((t) => !(t instanceof Tensor))) {
    throw new ValueError('Argument `validationSplit` is only supported for tensors (not for iterables of batches).');
  }
  const n = (flat[0] as Tensor).shape[0]!;
  const splitAt = Math.floor(n * (1 - split));
  if (splitAt === 0 || splitAt === n) {
    throw new ValueError(
      `Training data contains ${n} samples, which is not sufficient to split it into a validation and training set as ` +
        `specified by \`validationSplit=${split}\`. Either provide more data, or a different value for \`validationSplit\`.`,
    );
  }
  const cut = (from: number, to: number) => (t: unknown) => {
    if (t == null) return t;
    const s = rows(t as Tensor, from, to - from);
    created.push(s);
    return s;
  };
  return {
    train: arrays.map((a) => (a == null ? a : tree.mapStructure(cut(0, splitAt), a))),
    validation: arrays.map((a) => (a == null ? a : tree.mapStructure(cut(splitAt, n), a))),
  };
}

function rows(t: Tensor, start: number, size: number): Tensor {
  return ops.slice(t, [start, ...t.shape.slice(1).map(() => 0)], [size, ...t.shape.slice(1)]);
}

/** Options of {@link TensorBatches}. */
export interface TensorBatchesOptions {
  x: unknown;
  y?: unknown;
  sampleWeight?: unknown;
  batchSize?: number | null;
  /** Steps per epoch: when `batchSize` is missing, the batch size is `ceil(n / steps)`. */
  steps?: number | null;
  shuffle?: ShuffleMode;
  /** Draws the shuffling permutations (default: a generator seeded from the global seed). */
  seed?: SeedGenerator;
}

/** One epoch's batches from tensors: new tensors per batch, which the consumer disposes. */
export class TensorBatches {
  readonly numSamples: number;
  readonly batchSize: number;
  readonly numBatches: number;
  private readonly inputs: unknown[];
  private readonly shuffle: ShuffleMode;
  private readonly seed: SeedGenerator;

  constructor(options: TensorBatchesOptions) {
    this.inputs = packXYSampleWeight(options.x, options.y, standardizeSampleWeight(options.y, options.sampleWeight));
    const labels: Record<string, unknown> = { x: options.x, y: options.y, sample_weight: options.sampleWeight };
    this.numSamples = checkCardinality(labels);
    let batchSize = options.batchSize ?? null;
    if (!batchSize) batchSize = options.steps ? Math.ceil(this.numSamples / options.steps) : 32;
    if (!Number.isInteger(batchSize) || batchSize <= 0) throw new ValueError(`Argument \`batchSize\` must be a positive integer. Received: batchSize=${batchSize}`);
    this.batchSize = batchSize;
    this.numBatches = Math.ceil(this.numSamples / batchSize);
    this.shuffle = options.shuffle ?? false;
    this.seed = options.seed ?? new SeedGenerator();
  }

  /** One pass over the data (a new permutation when shuffling). */
  *batches(): Generator<unknown[]> {
    const n = this.numSamples;
    const order = this.shuffle === true ? random.permutation(n, { seed: this.seed }) : null;
    for (let b = 0; b < this.numBatches; b++) {
      const start = b * this.batchSize;
      const size = Math.min(this.batchSize, n - start);
      let index: Int32Array | null = order ? order.subarray(start, start + size) : null;
      if (this.shuffle === 'batch') {
        const perm = random.permutation(size, { seed: this.seed });
        index = Int32Array.from(perm, (i) => start + i);
      }
      yield tidy(() => {
        const idx = index ? ops.tensor1d(index, 'int32') : null;
        return tree.mapStructure((t: Tensor | null | undefined) => {
          if (t == null) return t;
          return idx ? ops.gather(t, idx) : rows(t, start, size);
        }, this.inputs) as never;
      }) as unknown[];
    }
  }
}
