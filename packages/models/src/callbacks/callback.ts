/**
 * `Callback`: the base class of training callbacks, as `keras.callbacks.Callback`. `fit`, `evaluate` and `predict`
 * call its hooks; a hook may return a promise, which the loop awaits (except in the synchronous `predict`).
 */
import type { Model } from '../model.js';

/** What callbacks receive as `logs`: metric names to values (Keras' `pythonify_logs` output, sorted by name). */
export type Logs = Record<string, number>;

/** The training parameters callbacks receive: `{ verbose, epochs, steps }` (steps per epoch, null if unknown). */
export interface CallbackParams {
  verbose: number | 'auto';
  epochs: number;
  steps: number | null;
  [key: string]: unknown;
}

/** What a hook returns: nothing, or a promise the loop waits for. */
export type HookResult = void | Promise<void>;

/**
 * The base class of callbacks. Override the hooks you need; `this.model` is the model being trained and
 * `this.params` the loop's parameters. `onTrainBatchBegin`/`End` call `onBatchBegin`/`End` by default.
 *
 * @example
 * class PrintLoss extends Callback {
 *   override onEpochEnd(epoch: number, logs?: Logs) { console.log(epoch, logs?.loss); }
 * }
 * await model.fit(x, y, { epochs: 3, callbacks: [new PrintLoss()] });
 */
export class Callback {
  params: CallbackParams | null = null;
  private _model: Model | null = null;

  /** The model this callback is attached to (set by `fit`, `evaluate` and `predict`). */
  get model(): Model {
    if (!this._model) throw new Error(`${this.constructor.name} is not attached to a model: call setModel(model) first.`);
    return this._model;
  }

  set model(model: Model) {
    this._model = model;
  }

  setParams(params: CallbackParams): void {
    this.params = params;
  }

  setModel(model: Model): void {
    this._model = model;
  }

  onBatchBegin(batch: number, logs?: Logs): HookResult {
    void batch;
    void logs;
  }

  onBatchEnd(batch: number, logs?: Logs): HookResult {
    void batch;
    void logs;
  }

  onEpochBegin(epoch: number, logs?: Logs): HookResult {
    void epoch;
    void logs;
  }

  onEpochEnd(epoch: number, logs?: Logs): HookResult {
    void epoch;
    void logs;
  }

  onTrainBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.onBatchBegin(batch, logs);
  }

  onTrainBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.onBatchEnd(batch, logs);
  }

  onTestBatchBegin(batch: number, logs?: Logs): HookResult {
    void batch;
    void logs;
  }

  onTestBatchEnd(batch: number, logs?: Logs): HookResult {
    void batch;
    void logs;
  }

  onPredictBatchBegin(batch: number, logs?: Logs): HookResult {
    void batch;
    void logs;
  }

  /** `logs` holds `{ outputs }`: the batch's predictions. */
  onPredictBatchEnd(batch: number, logs?: Record<string, unknown>): HookResult {
    void batch;
    void logs;
  }

  onTrainBegin(logs?: Logs): HookResult {
    void logs;
  }

  onTrainEnd(logs?: Logs): HookResult {
    void logs;
  }

  onTestBegin(logs?: Logs): HookResult {
    void logs;
  }

  onTestEnd(logs?: Logs): HookResult {
    void logs;
  }

  onPredictBegin(logs?: Logs): HookResult {
    void logs;
  }

  onPredictEnd(logs?: Logs): HookResult {
    void logs;
  }
}
