import { Callback, type Logs } from './callback.js';

/**
 * Records the logs of every epoch, as `keras.callbacks.History`; `fit` adds one and returns it (also at
 * `model.history`).
 *
 * @example
 * const history = await model.fit(x, y, { epochs: 3, validationSplit: 0.2 });
 * history.history.loss;     // one value per epoch
 * history.history.val_loss; // likewise
 * history.epoch;            // [0, 1, 2]
 */
export class History extends Callback {
  /** Each log name's values, one per epoch, in the order the names first appeared. */
  history: Record<string, number[]> = {};
  /** The epoch indices recorded (0-based). */
  epoch: number[] = [];

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
    this.model.history = this;
  }
}
