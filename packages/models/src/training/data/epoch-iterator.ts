/**
 * `EpochIterator`: the steps of one epoch over a batch source, as Keras' `trainers/epoch_iterator.py`. With
 * `stepsPerEpoch`, an epoch stops after that many steps and the next one continues the same pass; a source
 * that runs dry ends the epoch with Keras' warning.
 */
import { ops, Tensor } from '@strata/core';
import { IterableBatches } from './iterable-batches.js';
import type { TensorBatches } from './tensor-batches.js';

/** One step: its index in the epoch, the batch, and the tensors to free after it. */
export interface Step {
  step: number;
  batch: unknown[];
  /** Tensors the loop disposes once the step is done (batches it owns). */
  disposable: Tensor[];
}

const RAN_OUT =
  'Your input ran out of data; interrupting training. Make sure that your dataset or generator can generate at least ' +
  '`stepsPerEpoch * epochs` batches. You may need to make your iterable repeat.';

export class EpochIterator {
  readonly source: TensorBatches | IterableBatches;
  readonly stepsPerEpoch: number | null;
  private current: Iterator<unknown> | AsyncIterator<unknown> | null = null;
  private stepsSeen = 0;
  /** Set when a source that cannot restart has been used up: there is nothing left to train on. */
  exhausted = false;

  constructor(source: TensorBatches | IterableBatches, stepsPerEpoch?: number | null) {
    this.source = source;
    this.stepsPerEpoch = stepsPerEpoch ?? null;
  }

  /** Steps per epoch: `stepsPerEpoch`, else the number of batches (null while unknown). */
  get numBatches(): number | null {
    return this.stepsPerEpoch ?? this.source.numBatches;
  }

  private newIterator(): Iterator<unknown> | AsyncIterator<unknown> {
    const s = this.source;
    if (s instanceof IterableBatches) {
      if (!s.reiterable && this.current !== null) this.exhausted = true;
      return s.iterator();
    }
    return s.batches();
  }

  /** The next item, and the first tensor id created while producing it (tensor ids only grow). */
  private async next(): Promise<{ item: unknown; firstNewId: number } | null> {
    const marker = ops.scalar(0);
    const firstNewId = marker.id;
    marker.dispose();
    const r = await this.current!.next();
    if (r.done) return null;
    return { item: r.value, firstNewId };
  }

  /** The steps of one epoch. */
  async *epoch(): AsyncGenerator<Step> {
    const numBatches = this.source.numBatches;
    const steps = this.stepsPerEpoch ?? numBatches ?? -1;
    if (this.current === null || this.stepsPerEpoch === null) {
      this.current = this.newIterator();
      this.stepsSeen = 0;
    }
    for (let step = 0; steps < 0 || step < steps; step++) {
      if (numBatches && this.stepsSeen >= numBatches) {
        if (this.stepsPerEpoch) console.warn(RAN_OUT);
        break;
      }
      const next = await this.next();
      if (next === null) {
        if (this.source instanceof IterableBatches) {
          if (this.source.numBatches === null) this.source.numBatches = this.stepsSeen;
          if (this.stepsPerEpoch || step === 0) console.warn(RAN_OUT);
          if (step === 0) this.exhausted = true;
        }
        this.current = null;
        return;
      }
      this.stepsSeen++;
      const disposable: Tensor[] = [];
      let batch: unknown[];
      if (this.source instanceof IterableBatches) {
        batch = IterableBatches.toBatch(next.item, disposable);
        collectTensors(batch, disposable, (t) => t.id > next.firstNewId && !disposable.includes(t));
      } else {
        batch = next.item as unknown[];
        collectTensors(batch, disposable, () => true);
      }
      yield { step, batch, disposable };
    }
    if (numBatches && this.stepsSeen >= numBatches) {
      this.current = null;
      this.stepsSeen = 0;
    }
  }
}

function collectTensors(x: unknown, out: Tensor[], keep: (t: Tensor) => boolean): void {
  if (x instanceof Tensor) {
    if (keep(x)) out.push(x);
  } else if (Array.isArray(x)) {
    for (const v of x) collectTensors(v, out, keep);
  } else if (x !== null && typeof x === 'object') {
    for (const v of Object.values(x)) collectTensors(v, out, keep);
  }
}
