import { dispose, type Tensor } from '@strata/core';
import type { Logs } from './callback.js';
import { printMsg } from './io.js';
import { MonitorCallback } from './monitor-callback.js';

/** Options of {@link EarlyStopping} (Keras' arguments, camelCase). */
export interface EarlyStoppingOptions {
  /** The logged value to watch (default `'val_loss'`). */
  monitor?: string;
  /** The smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  verbose?: number;
  /** `'auto'` (default), `'min'` or `'max'`. */
  mode?: string;
  /** A value to beat: training stops if the model does not improve on it within `patience` epochs. */
  baseline?: number | null;
  /** Restore the weights of the best epoch when training ends (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching (default 0). */
  startFromEpoch?: number;
}

/**
 * Stops training when a monitored value stops improving, as `keras.callbacks.EarlyStopping`.
 *
 * @example
 * await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [new EarlyStopping({ patience: 3, restoreBestWeights: true })] });
 */
export class EarlyStopping extends MonitorCallback {
  readonly patience: number;
  readonly verbose: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  wait = 0;
  stoppedEpoch = 0;
  bestEpoch = 0;
  bestWeights: Tensor[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super(options.monitor ?? 'val_loss', options.mode ?? 'auto', null, options.minDelta ?? 0);
    this.patience = options.patience ?? 0;
    this.verbose = options.verbose ?? 0;
    this.baseline = options.baseline ?? null;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.setBestWeights(null);
    this.bestEpoch = 0;
  }

  private setBestWeights(weights: Tensor[] | null): void {
    if (this.bestWeights) dispose(this.bestWeights);
    this.bestWeights = weights;
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    if (this.monitorOp === null) this.setMonitorOp();
    const current = this.monitored(logs);
    if (current === undefined) {
      console.warn(`Early stopping conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${Object.keys(logs ?? {}).join(',')}`);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.setBestWeights(this.model.getWeights());
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.setBestWeights(this.model.getWeights());
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) printMsg(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) printMsg(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.model.setWeights(this.bestWeights);
      this.setBestWeights(null);
    }
  }
}
