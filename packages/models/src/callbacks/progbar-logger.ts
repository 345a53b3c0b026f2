import { Callback, type CallbackParams, type Logs } from './callback.js';
import { isInteractive, printMsg } from './io.js';
import { Progbar } from './progbar.js';

/**
 * Resolves Keras' `verbose: 'auto'`: a redrawn bar (1) on an interactive terminal, one line per epoch (2)
 * otherwise (logs, CI, pipes).
 */
export function resolveVerbose(verbose: number | 'auto' | undefined): number {
  if (verbose === undefined || verbose === 'auto') return isInteractive() ? 1 : 2;
  return verbose;
}

/**
 * Prints the progress bar of `fit`, `evaluate` and `predict`, as `keras.callbacks.ProgbarLogger`: `fit` and
 * `evaluate` add one unless `verbose` is 0. Inside `fit`, validation draws nothing and the epoch's final line shows
 * the `val_` metrics.
 */
export class ProgbarLogger extends Callback {
  seen = 0;
  progbar: Progbar | null = null;
  target: number | null = null;
  verbose = 1;
  epochs = 1;
  private calledInFit = false;

  override setParams(params: CallbackParams): void {
    super.setParams(params);
    this.verbose = resolveVerbose(params.verbose);
    this.epochs = params.epochs;
    this.target = params.steps ?? null;
  }

  override onTrainBegin(): void {
    this.calledInFit = true;
  }

  override onTestBegin(): void {
    if (!this.calledInFit) {
      this.resetProgbar();
      this.maybeInitProgbar();
    }
  }

  override onPredictBegin(): void {
    this.resetProgbar();
    this.maybeInitProgbar();
  }

  override onEpochBegin(epoch: number): void {
    this.resetProgbar();
    this.maybeInitProgbar();
    if (this.verbose && this.epochs > 1) printMsg(`Epoch ${epoch + 1}/${this.epochs}`);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.updateProgbar(batch, logs);
  }

  override onTestBatchEnd(batch: number, logs?: Logs): void {
    if (!this.calledInFit) this.updateProgbar(batch, logs);
  }

  override onPredictBatchEnd(batch: number): void {
    this.updateProgbar(batch, undefined);
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    this.finalizeProgbar(logs);
  }

  override onTestEnd(logs?: Logs): void {
    if (!this.calledInFit) this.finalizeProgbar(logs);
  }

  override onPredictEnd(logs?: Logs): void {
    this.finalizeProgbar(logs);
  }

  private resetProgbar(): void {
    this.seen = 0;
    this.progbar = null;
  }

  private maybeInitProgbar(): Progbar {
    this.progbar ??= new Progbar(this.target, { verbose: this.verbose, unitName: 'step', statelessMetrics: [] });
    return this.progbar;
  }

  private updateProgbar(batch: number, logs: Logs = {}): void {
    const bar = this.maybeInitProgbar();
    this.seen = batch + 1;
    if (this.verbose === 1) bar.update(this.seen, Object.entries(logs), false);
  }

  private finalizeProgbar(logs: Logs = {}): void {
    const bar = this.maybeInitProgbar();
    if (this.target === null) {
      this.target = this.seen;
      bar.target = this.target;
    }
    bar.update(this.target, Object.entries(logs), true);
  }
}
