import { RuntimeError } from '@strata/core';
import { Callback, type Logs } from './callback.js';
import { printMsg } from './io.js';

/**
 * Stops training when the loss becomes NaN or infinite, as `keras.callbacks.TerminateOnNaN` (or throws with
 * `raiseError`).
 *
 * @example
 * await model.fit(x, y, { callbacks: [new TerminateOnNaN()] });
 */
export class TerminateOnNaN extends Callback {
  readonly raiseError: boolean;

  constructor(options: { raiseError?: boolean } = {}) {
    super();
    this.raiseError = options.raiseError ?? false;
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss === undefined || Number.isFinite(loss)) return;
    if (this.raiseError) {
      throw new RuntimeError(`NaN or Inf loss encountered at batch ${batch}. Loss value: ${loss}. Terminating training immediately.`);
    }
    printMsg(`Batch ${batch}: Invalid loss, terminating training`);
    this.model.stopTraining = true;
  }
}
