import { ValueError } from '@strata/core';
import type { Model } from '../model.js';
import type { Logs } from './callback.js';
import { printMsg } from './io.js';
import { MonitorCallback } from './monitor-callback.js';
import { formatFixed, pyFormat, type PyValue } from './py-format.js';

/** Options of {@link ModelCheckpoint} (Keras' arguments, camelCase). */
export interface ModelCheckpointOptions {
  /** The logged value that decides the best model (default `'val_loss'`). */
  monitor?: string;
  verbose?: number;
  /** Only save when the monitored value improves (default false). */
  saveBestOnly?: boolean;
  /** Save only the weights (`.weights.h5`) instead of the model (`.keras`). */
  saveWeightsOnly?: boolean;
  /** `'auto'` (default), `'min'` or `'max'`. */
  mode?: string;
  /** `'epoch'` (default), or save every `n` batches. */
  saveFreq?: 'epoch' | number;
  /** The starting "best" value for `saveBestOnly`. */
  initialValueThreshold?: number | null;
}

/** What ModelCheckpoint needs from `@strata/saving`. */
export interface CheckpointSaver {
  saveModel(model: Model, path: string): Promise<void>;
  saveWeights(model: Model, path: string): Promise<void>;
}

/**
 * Saves the model (or its weights) during training, as `keras.callbacks.ModelCheckpoint`. The path is a Python
 * format string filled with `epoch` (1-based), `batch` and the logs: `'ckpt-{epoch:02d}-{val_loss:.2f}.keras'`.
 * Files are written by `@strata/saving`, loaded when the first checkpoint is saved (install it alongside).
 *
 * @example
 * new ModelCheckpoint('best.keras', { monitor: 'val_accuracy', saveBestOnly: true });
 */
export class ModelCheckpoint extends MonitorCallback {
  readonly filepath: string;
  readonly verbose: number;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  private batchesSeenSinceLastSaving = 0;
  private lastBatchSeen: number | null = null;
  private currentEpoch = 0;

  constructor(filepath: string, options: ModelCheckpointOptions = {}) {
    super(options.monitor ?? 'val_loss', options.mode ?? 'auto', options.initialValueThreshold ?? null);
    this.filepath = filepath;
    this.verbose = options.verbose ?? 0;
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.saveWeightsOnly = options.saveWeightsOnly ?? false;
    this.saveFreq = options.saveFreq ?? 'epoch';
    if (this.saveFreq !== 'epoch' && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw new ValueError(`Unrecognized saveFreq: ${String(this.saveFreq)}. Expected saveFreq are 'epoch' or integer values`);
    }
    if (this.saveWeightsOnly) {
      if (!filepath.endsWith('.weights.h5')) {
        throw new ValueError(`When using \`saveWeightsOnly: true\` in \`ModelCheckpoint\`, the filepath provided must end in \`.weights.h5\` (Keras weights format). Received: filepath=${filepath}`);
      }
    } else if (!filepath.endsWith('.keras') && !filepath.endsWith('.h5')) {
      throw new ValueError(`The filepath provided must end in \`.keras\` (Keras model format). Received: filepath=${filepath}`);
    }
  }

  /** Loads `@strata/saving` (override to save elsewhere). */
  protected async loadSaver(): Promise<CheckpointSaver> {
    const specifier = '@strata/saving';
    try {
      return (await import(/* @vite-ignore */ specifier)) as CheckpointSaver;
    } catch (e) {
      throw new ValueError(`ModelCheckpoint writes files with "@strata/saving", which could not be loaded: install it (npm install @strata/saving). (${(e as Error).message})`);
    }
  }

  override async onTrainBatchEnd(batch: number, logs?: Logs): Promise<void> {
    if (this.shouldSaveOnBatch(batch)) await this.saveModel(this.currentEpoch, batch, logs);
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    if (this.monitorOp === null) this.setMonitorOp();
    if (this.saveFreq === 'epoch') await this.saveModel(epoch, null, logs);
  }

  private shouldSaveOnBatch(batch: number): boolean {
    if (this.saveFreq === 'epoch') return false;
    const add = this.lastBatchSeen === null || batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.batchesSeenSinceLastSaving += add;
    this.lastBatchSeen = batch;
    if (this.batchesSeenSinceLastSaving >= this.saveFreq) {
      this.batchesSeenSinceLastSaving = 0;
      return true;
    }
    return false;
  }

  private shouldSaveModel(epoch: number, logs: Logs, filepath: string): boolean {
    if (!this.saveBestOnly) {
      if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: saving model to ${filepath}`);
      return true;
    }
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`Can save best model only with ${this.monitor} available.`);
      return true;
    }
    const bestStr = this.best === null ? 'None' : formatFixed(this.best, 5);
    if (this.isImprovement(current, this.best)) {
      if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: ${this.monitor} improved from ${bestStr} to ${formatFixed(current, 5)}, saving model to ${filepath}`);
      this.best = current;
      return true;
    }
    if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${bestStr}`);
    return false;
  }

  private async saveModel(epoch: number, batch: number | null, logs: Logs = {}): Promise<void> {
    const filepath = this.filePath(epoch, batch, logs);
    if (!this.shouldSaveModel(epoch, logs, filepath)) return;
    const saver = await this.loadSaver();
    if (this.saveWeightsOnly) await saver.saveWeights(this.model, filepath);
    else await saver.saveModel(this.model, filepath);
    if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: finished saving model to ${filepath}`);
  }

  /** The file name for a save: `filepath` formatted with `epoch` (1-based), `batch` (1-based) and the logs. */
  filePath(epoch: number, batch: number | null, logs: Logs = {}): string {
    const values: Record<string, PyValue> = { ...logs, epoch: { int: epoch + 1 } };
    if (batch !== null && !('batch' in logs)) values.batch = { int: batch + 1 };
    return pyFormat(this.filepath, values);
  }
}
