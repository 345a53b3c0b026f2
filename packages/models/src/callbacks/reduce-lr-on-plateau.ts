import { ValueError } from '@strata/core';
import type { Logs } from './callback.js';
import { printMsg } from './io.js';
import { MonitorCallback } from './monitor-callback.js';
import { floatRepr } from './py-format.js';

/** Options of {@link ReduceLROnPlateau} (Keras' arguments, camelCase). */
export interface ReduceLROnPlateauOptions {
  /** The logged value to watch (default `'val_loss'`). */
  monitor?: string;
  /** The factor the learning rate is multiplied by (default 0.1; must be < 1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  verbose?: number;
  /** `'auto'` (default), `'min'` or `'max'`. */
  mode?: string;
  /** The smallest change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The lowest learning rate (default 0). */
  minLr?: number;
}

/**
 * Reduces the learning rate when a monitored value stops improving, as `keras.callbacks.ReduceLROnPlateau`. It
 * logs the current rate as `learning_rate` at each epoch's end.
 *
 * @example
 * new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.2, patience: 5, minLr: 0.001 });
 */
export class ReduceLROnPlateau extends MonitorCallback {
  readonly factor: number;
  readonly minLr: number;
  readonly patience: number;
  readonly verbose: number;
  readonly cooldown: number;
  cooldownCounter = 0;
  wait = 0;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super(options.monitor ?? 'val_loss', options.mode ?? 'auto', null, options.minDelta ?? 1e-4);
    const factor = options.factor ?? 0.1;
    if (factor >= 1) throw new ValueError(`ReduceLROnPlateau does not support a factor >= 1.0. Received factor=${factor}`);
    this.factor = factor;
    this.minLr = options.minLr ?? 0;
    this.patience = options.patience ?? 10;
    this.verbose = options.verbose ?? 0;
    this.cooldown = options.cooldown ?? 0;
  }

  private reset(): void {
    this.best = null;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  override onTrainBegin(): void {
    this.reset();
  }

  /** Whether a cooldown is running. */
  inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    if (this.monitorOp === null) this.setMonitorOp();
    const optimizer = this.model.optimizer;
    if (!optimizer) throw new ValueError('ReduceLROnPlateau needs a compiled model (it changes the optimizer\'s learning rate).');
    logs.learning_rate = optimizer.learningRate;
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`Learning rate reduction is conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${Object.keys(logs).join(',')}.`);
      return;
    }
    if (this.inCooldown()) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const oldLr = optimizer.learningRate;
        if (oldLr > Math.fround(this.minLr)) {
          const newLr = Math.max(oldLr * this.factor, this.minLr);
          optimizer.learningRate = newLr;
          if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${floatRepr(newLr)}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
