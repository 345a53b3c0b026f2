/**
 * Batches drawn from an iterable or async iterable (a generator, an array of batches, a stream), as Keras'
 * generator adapter. Each item is a batch: `x`, `[x]`, `[x, y]` or `[x, y, sampleWeight]`.
 */
import { Tensor, ValueError } from '@strata/core';
import { toTensorStructure } from './tensor-batches.js';

/** A source of batches for `fit`, `evaluate` and `predict`. */
export type BatchIterable = Iterable<unknown> | AsyncIterable<unknown> | Iterator<unknown> | AsyncIterator<unknown>;

/** Whether `x` is a source of batches rather than tensors. */
export function isBatchIterable(x: unknown): x is BatchIterable {
  if (x === null || typeof x !== 'object' || x instanceof Tensor || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  const o = x as Partial<Iterable<unknown> & AsyncIterable<unknown> & Iterator<unknown>>;
  return typeof o[Symbol.asyncIterator] === 'function' || typeof o[Symbol.iterator] === 'function' || typeof o.next === 'function';
}

/**
 * Batches from an iterable. An iterable that can be iterated again (its `Symbol.iterator` returns a new iterator)
 * starts over each epoch; a generator or iterator is used once. Tensors the iterable creates while producing a
 * batch are disposed after the step; tensors that existed before (batches kept in a list) are left to their owner.
 */
export class IterableBatches {
  numBatches: number | null = null;
  readonly batchSize = null;
  /** Whether each `iterator()` call starts from the beginning. */
  readonly reiterable: boolean;
  private readonly source: BatchIterable;

  constructor(source: BatchIterable) {
    this.source = source;
    const iterFn = (source as Iterable<unknown>)[Symbol.iterator] ?? (source as AsyncIterable<unknown>)[Symbol.asyncIterator];
    this.reiterable = typeof iterFn === 'function' && iterFn.call(source) !== source;
  }

  /** An iterator over the batches (a fresh pass when the source is re-iterable). */
  iterator(): AsyncIterator<unknown> | Iterator<unknown> {
    const s = this.source as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
    if (typeof s[Symbol.asyncIterator] === 'function') return s[Symbol.asyncIterator]!();
    if (typeof s[Symbol.iterator] === 'function') return s[Symbol.iterator]!();
    return this.source as Iterator<unknown>;
  }

  /** One item as a batch list (`[x]`, `[x, y]`, `[x, y, sw]`), numbers converted to tensors (added to `created`). */
  static toBatch(item: unknown, created: Tensor[]): unknown[] {
    if (item === null || item === undefined) throw new ValueError('A batch from the data iterable was null or undefined.');
    const list = Array.isArray(item) && item.length <= 3 && item.every((v) => v == null || !(typeof v === 'number')) ? item : [item];
    return list.map((v, i) => toTensorStructure(v, ['x', 'y', 'sampleWeight'][i]!, created));
  }
}
