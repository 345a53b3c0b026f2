/** `model.predict` with callbacks and a progress bar (Keras' predict loop, synchronous). */
import { Tensor, ValueError } from '@strata/core';
import { tree } from '@strata/layers';
import type { Callback } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import type { Model } from '../model.js';
import { predictBatches } from '../predict.js';

/** Options of `predict`. */
export interface PredictLoopOptions {
  /** Samples per batch (default 32). */
  batchSize?: number;
  /**
   * 0 (default) draws nothing; 1 a progress bar; 2 one line; `'auto'` is 1 on a terminal, else 2. (Keras draws a bar
   * by default; Strata's `predict` is quiet unless asked, as it is called in loops.)
   */
  verbose?: 0 | 1 | 2 | 'auto';
  /** Callbacks whose `onPredict…` hooks run (synchronously: promises they return are not awaited). */
  callbacks?: Callback[] | CallbackList;
}

/** Runs `predictStep` over `x` in batches, calling the predict hooks of `options.callbacks`. */
export function predictWithCallbacks(model: Model, x: unknown, options: PredictLoopOptions): unknown {
  const verbose = options.verbose ?? 0;
  const batchSize = options.batchSize ?? 32;
  const first = tree.flatten<unknown>(x)[0];
  if (!(first instanceof Tensor)) throw new ValueError('predict(x) expects a tensor, or a list or record of tensors.');
  const steps = Math.max(1, Math.ceil((first.shape[0] ?? 0) / batchSize));
  const callbacks = options.callbacks instanceof CallbackList
    ? options.callbacks
    : new CallbackList(options.callbacks, { addProgbar: verbose !== 0, model, params: { verbose, epochs: 1, steps } });
  model.stopPredicting = false;
  callbacks.onPredictBegin();
  let step = 0;
  const result = predictBatches((batch) => {
    callbacks.onPredictBatchBegin(step);
    const out = model.predictStep(batch);
    callbacks.onPredictBatchEnd(step, { outputs: out });
    step++;
    return out;
  }, x, { batchSize });
  callbacks.onPredictEnd();
  return result;
}
