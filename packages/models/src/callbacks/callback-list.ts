import { Tensor } from '@strata/core';
import type { Model } from '../model.js';
import { Callback, type CallbackParams, type Logs } from './callback.js';
import { History } from './history.js';
import { ProgbarLogger } from './progbar-logger.js';

/**
 * Keras' `pythonify_logs`: nested records flattened, keys sorted, scalar tensors read as numbers (synchronously;
 * the training loop reads its own values before calling hooks).
 */
export function pythonifyLogs(logs: Record<string, unknown> | null | undefined): Logs {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(logs ?? {}).sort()) {
    const value = logs![key];
    if (value !== null && typeof value === 'object' && !(value instanceof Tensor) && !Array.isArray(value)) {
      Object.assign(out, pythonifyLogs(value as Record<string, unknown>));
    } else if (value instanceof Tensor && value.size === 1) {
      out[key] = value.dataSync()[0]!;
    } else {
      out[key] = typeof value === 'boolean' ? Number(value) : value;
    }
  }
  return out as Logs;
}

/** Options of {@link CallbackList}. */
export interface CallbackListOptions {
  /** Add a `History` unless the list has one (fit does). */
  addHistory?: boolean;
  /** Add a `ProgbarLogger` unless the list has one (when `verbose` is not 0). */
  addProgbar?: boolean;
  model?: Model;
  params?: CallbackParams;
}

/**
 * The callbacks of one `fit`, `evaluate` or `predict` call, called in order, as `keras.callbacks.CallbackList`. The
 * user's callbacks come first, then `History`, then `ProgbarLogger`; all callbacks of one hook share one logs
 * object, so a callback that adds a key (`learning_rate`) is seen by those after it.
 */
export class CallbackList extends Callback {
  readonly callbacks: Callback[];
  private historyCallback: History | null = null;

  constructor(callbacks: Callback[] | null | undefined, options: CallbackListOptions = {}) {
    super();
    this.callbacks = [...(callbacks ?? [])].flat() as Callback[];
    for (const cb of this.callbacks) {
      if (!(cb instanceof Callback)) throw new TypeError(`Expected every callback to be a Callback instance. Received: ${String(cb)}.`);
    }
    let progbar = this.callbacks.find((c) => c instanceof ProgbarLogger) ?? null;
    this.historyCallback = (this.callbacks.find((c) => c instanceof History) as History | undefined) ?? null;
    if (!this.historyCallback && options.addHistory) {
      this.historyCallback = new History();
      this.callbacks.push(this.historyCallback);
    }
    if (!progbar && options.addProgbar) {
      progbar = new ProgbarLogger();
      this.callbacks.push(progbar);
    }
    if (options.model) this.setModel(options.model);
    if (options.params) this.setParams(options.params);
  }

  /** The `History` in the list, if any. */
  get history(): History | null {
    return this.historyCallback;
  }

  override setParams(params: CallbackParams): void {
    this.params = params;
    for (const cb of this.callbacks) cb.setParams(params);
  }

  override setModel(model: Model): void {
    super.setModel(model);
    if (this.historyCallback) model.history = this.historyCallback;
    for (const cb of this.callbacks) cb.setModel(model);
  }

  private async each(call: (cb: Callback, logs: Logs) => unknown, logs?: Record<string, unknown>): Promise<void> {
    const shared = pythonifyLogs(logs);
    for (const cb of this.callbacks) await call(cb, shared);
  }

  override onBatchBegin(batch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onBatchBegin(batch, l), logs);
  }

  override onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onBatchEnd(batch, l), logs);
  }

  override onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onEpochBegin(epoch, l), logs);
  }

  override onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onEpochEnd(epoch, l), logs);
  }

  override onTrainBatchBegin(batch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTrainBatchBegin(batch, l), logs);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTrainBatchEnd(batch, l), logs);
  }

  override onTestBatchBegin(batch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTestBatchBegin(batch, l), logs);
  }

  override onTestBatchEnd(batch: number, logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTestBatchEnd(batch, l), logs);
  }

  override onTrainBegin(logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTrainBegin(l), logs);
  }

  override onTrainEnd(logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTrainEnd(l), logs);
  }

  override onTestBegin(logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTestBegin(l), logs);
  }

  override onTestEnd(logs?: Logs): Promise<void> {
    return this.each((cb, l) => cb.onTestEnd(l), logs);
  }

  // `predict` is synchronous: its hooks run without waiting for promises.

  override onPredictBegin(logs?: Logs): void {
    const shared = pythonifyLogs(logs);
    for (const cb of this.callbacks) void cb.onPredictBegin(shared);
  }

  override onPredictEnd(logs?: Logs): void {
    const shared = pythonifyLogs(logs);
    for (const cb of this.callbacks) void cb.onPredictEnd(shared);
  }

  override onPredictBatchBegin(batch: number, logs?: Logs): void {
    const shared = pythonifyLogs(logs);
    for (const cb of this.callbacks) void cb.onPredictBatchBegin(batch, shared);
  }

  override onPredictBatchEnd(batch: number, logs?: Record<string, unknown>): void {
    // The outputs are tensors: passed as given, not read back.
    const shared = { ...(logs ?? {}) };
    for (const cb of this.callbacks) void cb.onPredictBatchEnd(batch, shared);
  }
}
