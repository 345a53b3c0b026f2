import { ValueError } from '@strata/core';
import { CompileMetrics } from '../training/compile-metrics.js';
import { Callback, type Logs } from './callback.js';

/** `'min'`, `'max'`, or `'auto'` (from the monitored name: `loss` is minimised, metrics follow their direction). */
export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * The base of callbacks that watch one logged value (`EarlyStopping`, `ModelCheckpoint`, `ReduceLROnPlateau`), as
 * Keras' `MonitorCallback`: it decides whether a new value improves on the best one.
 */
export class MonitorCallback extends Callback {
  readonly monitor: string;
  readonly mode: MonitorMode;
  /** The best value so far (null before the first one). */
  best: number | null;
  /** `|minDelta|`, negated when minimising (as Keras). */
  minDelta: number;
  /** `'less'` or `'greater'` once decided. */
  protected monitorOp: 'less' | 'greater' | null = null;

  constructor(monitor = 'val_loss', mode: string = 'auto', baseline: number | null = null, minDelta = 0) {
    super();
    if (!['auto', 'min', 'max'].includes(mode)) {
      console.warn(`${new.target.name} mode '${mode}' is unknown, fallback to auto mode.`);
      mode = 'auto';
    }
    this.monitor = monitor;
    this.mode = mode as MonitorMode;
    this.best = baseline;
    this.minDelta = Math.abs(minDelta);
  }

  /** Decides minimise or maximise (Keras' `_set_monitor_op`). */
  protected setMonitorOp(): void {
    if (this.mode === 'min') this.monitorOp = 'less';
    else if (this.mode === 'max') this.monitorOp = 'greater';
    else {
      const name = this.monitor.replace(/^val_/, '');
      if (name === 'loss') this.monitorOp = 'less';
      for (const m of this.model.metrics) {
        if (!(m instanceof CompileMetrics)) continue;
        for (const sub of m.metrics) {
          if (sub.name === name && sub.direction) this.monitorOp = sub.direction === 'up' ? 'greater' : 'less';
        }
      }
      if (this.monitorOp === null) {
        throw new ValueError(
          `${this.constructor.name} callback received monitor=${this.monitor}, but Keras isn't able to automatically determine ` +
            "whether that metric should be maximized or minimized. Pass `mode: 'max'` in order to monitor based on the highest " +
            "metric value, or pass `mode: 'min'` in order to use the lowest value.",
        );
      }
    }
    if (this.monitorOp === 'less') this.minDelta *= -1;
  }

  /** Whether `value` improves on `reference` by more than `minDelta` (compared in float32, as Keras' ops). */
  protected isImprovement(value: number, reference: number | null): boolean {
    if (reference === null) return true;
    const a = Math.fround(value - this.minDelta);
    const b = Math.fround(reference);
    return this.monitorOp === 'less' ? a < b : a > b;
  }

  /** The monitored value in `logs`, or undefined. */
  protected monitored(logs: Logs | undefined): number | undefined {
    return logs?.[this.monitor];
  }
}
