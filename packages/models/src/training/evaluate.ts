/** `model.evaluate` and `model.testOnBatch`, as Keras' backend trainers. */
import { tidy, ValueError } from '@strata/core';
import type { Callback, Logs } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import type { Model } from '../model.js';
import { EpochIterator } from './data/epoch-iterator.js';
import { checkOptions, checkPositiveInt, makeSource, type DataInput } from './data/sources.js';
import { packXYSampleWeight, unpackXYSampleWeight } from './data/unpack.js';
import { ensureBuilt } from './steps.js';
import { toTensorStructure } from './data/tensor-batches.js';
import { readLogs } from './logs.js';
import { flattenMetricsInOrder, requireCompiled } from './trainer.js';

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Samples per batch (default 32; not for iterables). */
  batchSize?: number;
  /** 0 silent, 1 a progress bar, 2 one line; `'auto'` (default) is 1 on a terminal, else 2. */
  verbose?: 0 | 1 | 2 | 'auto';
  /** Per-sample weights (a tensor, or one per output). */
  sampleWeight?: unknown;
  /** Stop after this many batches. */
  steps?: number;
  callbacks?: Callback[] | CallbackList;
  /** Return `{ loss, <metric>… }` instead of a number or list. */
  returnDict?: boolean;
}

const ACCEPTED = ['batchSize', 'verbose', 'sampleWeight', 'steps', 'callbacks', 'returnDict'] as const;

/** Reads the model's metrics unless the steps logged other keys (a custom `testStep`), as Keras. */
export async function metricsResultOrLogs(model: Model, logs: Logs): Promise<Logs> {
  const metricLogs = await readLogs(model.getMetricsResult());
  const a = Object.keys(metricLogs).sort().join('\u0000');
  const b = Object.keys(logs).sort().join('\u0000');
  return a === b ? metricLogs : logs;
}

/** Runs the test loop over `iterator` with `callbacks` (shared with `fit` for validation). */
export async function testLoop(model: Model, iterator: EpochIterator, callbacks: CallbackList): Promise<Logs> {
  model.stopEvaluating = false;
  await callbacks.onTestBegin();
  let logs: Logs = {};
  model.resetMetrics();
  for await (const { step, batch, disposable } of iterator.epoch()) {
    await callbacks.onTestBatchBegin(step);
    let out: Record<string, unknown>;
    try {
      ensureBuilt(model, unpackXYSampleWeight(batch).x);
      out = tidy(() => model.testStep(batch) as never);
    } finally {
      for (const t of disposable) t.dispose();
    }
    logs = await readLogs(out);
    await callbacks.onTestBatchEnd(step, logs);
    if (model.stopEvaluating) break;
  }
  logs = await metricsResultOrLogs(model, logs);
  await callbacks.onTestEnd(logs);
  return logs;
}

/** `model.evaluate(x, y, options)`. */
export async function evaluateModel(model: Model, x: DataInput, y: unknown, options: EvaluateOptions = {}): Promise<number | number[] | Logs> {
  requireCompiled(model, 'evaluate');
  checkOptions(options, ACCEPTED, 'evaluate');
  checkPositiveInt(options.batchSize, 'batchSize');
  checkPositiveInt(options.steps, 'steps');
  const created: import('@strata/core').Tensor[] = [];
  try {
    const source = await makeSource(x, { y, sampleWeight: options.sampleWeight, batchSize: options.batchSize, steps: options.steps, shuffle: false, created, method: 'evaluate' });
    if (source.batchSize === null && options.batchSize) throw new ValueError('Do not pass `batchSize` when `x` is an iterable of batches: its batches are used as they are.');
    const iterator = new EpochIterator(source, options.steps);
    const verbose = options.verbose ?? 'auto';
    const callbacks = options.callbacks instanceof CallbackList
      ? options.callbacks
      : new CallbackList(options.callbacks, { addProgbar: verbose !== 0, model, params: { verbose, epochs: 1, steps: iterator.numBatches } });
    const logs = await testLoop(model, iterator, callbacks);
    return options.returnDict ? logs : flattenMetricsInOrder(model, logs);
  } finally {
    for (const t of created) t.dispose();
  }
}

/** Options of `testOnBatch`. */
export interface TestOnBatchOptions {
  sampleWeight?: unknown;
  returnDict?: boolean;
}

/** `model.testOnBatch(x, y, options)`: one test step on one batch, metrics reset first. */
export async function testOnBatch(model: Model, x: unknown, y: unknown, options: TestOnBatchOptions = {}): Promise<number | number[] | Logs> {
  requireCompiled(model, 'testOnBatch');
  checkOptions(options, ['sampleWeight', 'returnDict'], 'testOnBatch');
  const created: import('@strata/core').Tensor[] = [];
  try {
    const data = packXYSampleWeight(toTensorStructure(x, 'x', created), toTensorStructure(y, 'y', created), toTensorStructure(options.sampleWeight, 'sampleWeight', created));
    ensureBuilt(model, data[0]);
    model.resetMetrics();
    const logs = await readLogs(tidy(() => model.testStep(data) as never));
    return options.returnDict ? logs : flattenMetricsInOrder(model, logs);
  } finally {
    for (const t of created) t.dispose();
  }
}
