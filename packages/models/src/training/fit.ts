/** `model.fit` and `model.trainOnBatch`, as Keras' backend trainers (`backend/jax/trainer.py` `fit`). */
import { SeedGenerator, tidy, ValueError, type Tensor } from '@strata/core';
import type { Callback, Logs } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import type { History } from '../callbacks/history.js';
import type { Model } from '../model.js';
import { EpochIterator } from './data/epoch-iterator.js';
import { isBatchIterable, IterableBatches } from './data/iterable-batches.js';
import { checkOptions, checkPositiveInt, makeSource, type DataInput } from './data/sources.js';
import { classWeightToSampleWeights, toTensorStructure, trainValidationSplit, type ShuffleMode } from './data/tensor-batches.js';
import { packXYSampleWeight, unpackXYSampleWeight } from './data/unpack.js';
import { metricsResultOrLogs, testLoop } from './evaluate.js';
import { ensureBuilt } from './steps.js';
import { readLogs } from './logs.js';
import { flattenMetricsInOrder, requireCompiled } from './trainer.js';

/** Options of `fit`, Keras' arguments in camelCase. */
export interface FitOptions {
  /** Samples per batch (default 32; not for iterables). */
  batchSize?: number;
  /** Epochs to train up to (default 1). */
  epochs?: number;
  /** 0 silent, 1 a progress bar per step, 2 one line per epoch; `'auto'` (default): 1 on a terminal, else 2. */
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: Callback[] | CallbackList;
  /** Fraction of the data (its last samples, before shuffling) held out for validation. */
  validationSplit?: number;
  /** `[x, y]`, `[x, y, sampleWeight]`, or an iterable of batches, evaluated after each epoch. */
  validationData?: unknown[] | DataInput;
  /** Shuffle before each epoch (default true); `'batch'` shuffles within batches. */
  shuffle?: ShuffleMode;
  /** Weight of each class index (single-output models), turned into per-sample weights. */
  classWeight?: Record<string | number, number>;
  /** Per-sample weights: a tensor, or one per output. */
  sampleWeight?: unknown;
  /** The epoch to start from (for resuming; default 0). */
  initialEpoch?: number;
  /** Steps per epoch (default: one pass over the data). */
  stepsPerEpoch?: number;
  /** Validation steps per evaluation (default: one pass). */
  validationSteps?: number;
  /** Batch size of validation (default `batchSize`). */
  validationBatchSize?: number;
  /** Validate every `n` epochs, or on the listed (1-based) epochs. */
  validationFreq?: number | number[];
}

const ACCEPTED = [
  'batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight', 'sampleWeight',
  'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'validationBatchSize', 'validationFreq',
] as const;

function shouldEval(epoch: number, freq: number | number[]): boolean {
  if (typeof freq === 'number') return (epoch + 1) % freq === 0;
  if (Array.isArray(freq)) return freq.includes(epoch + 1);
  throw new ValueError(`Expected \`validationFreq\` to be a number or a list of epochs. Received: validationFreq=${String(freq)}`);
}

/** `model.fit(x, y, options)`. */
export async function fitModel(model: Model, x: DataInput, y: unknown, options: FitOptions = {}): Promise<History> {
  requireCompiled(model, 'fit');
  checkOptions(options, ACCEPTED, 'fit');
  for (const k of ['batchSize', 'stepsPerEpoch', 'validationSteps', 'validationBatchSize'] as const) checkPositiveInt(options[k], k);
  const epochs = options.epochs ?? 1;
  if (!Number.isInteger(epochs) || epochs < 0) throw new ValueError(`Argument \`epochs\` must be a non-negative integer. Received: epochs=${String(options.epochs)}`);
  const created: Tensor[] = [];
  try {
    let xs: unknown = x;
    let ys: unknown = y;
    let sw: unknown = options.sampleWeight;
    let validation: unknown = options.validationData ?? null;
    if (options.validationSplit && validation == null) {
      if (!(options.validationSplit > 0 && options.validationSplit < 1)) {
        throw new ValueError(`\`validationSplit\` must be between 0 and 1. Received: ${options.validationSplit}`);
      }
      if (isBatchIterable(x)) throw new ValueError('Argument `validationSplit` is only supported for tensors, not for an iterable of batches.');
      const converted = [toTensorStructure(x, 'x', created), toTensorStructure(y, 'y', created), toTensorStructure(sw, 'sampleWeight', created)];
      const { train, validation: held } = trainValidationSplit(converted, options.validationSplit, created);
      [xs, ys, sw] = train;
      validation = packXYSampleWeight(held[0], held[1], held[2]);
    }
    const source = await makeSource(xs, {
      y: ys, sampleWeight: sw, classWeight: options.classWeight,
      batchSize: options.batchSize, steps: options.stepsPerEpoch, shuffle: options.shuffle ?? true, seed: new SeedGenerator(), created, method: 'fit',
    });
    if (source instanceof IterableBatches && options.batchSize) {
      throw new ValueError('Do not pass `batchSize` when `x` is an iterable of batches: its batches are used as they are.');
    }
    const iterator = new EpochIterator(source, options.stepsPerEpoch);
    let valIterator: EpochIterator | null = null;
    if (validation != null) {
      let valSource;
      if (isBatchIterable(validation)) {
        valSource = new IterableBatches(validation);
      } else {
        const { x: vx, y: vy, sampleWeight: vsw } = unpackXYSampleWeight(validation);
        valSource = await makeSource(vx, {
          y: vy, sampleWeight: vsw, batchSize: options.validationBatchSize ?? options.batchSize, steps: options.validationSteps,
          shuffle: false, created, method: 'fit',
        });
      }
      valIterator = new EpochIterator(valSource, options.validationSteps);
    }

    const verbose = options.verbose ?? 'auto';
    const callbacks = options.callbacks instanceof CallbackList
      ? options.callbacks
      : new CallbackList(options.callbacks, { addHistory: true, addProgbar: verbose !== 0, model, params: { verbose, epochs, steps: iterator.numBatches } });
    model.stopTraining = false;
    let trainingLogs: Logs = {};
    let finished = false;
    await callbacks.onTrainBegin();
    try {
      for (let epoch = options.initialEpoch ?? 0; epoch < epochs; epoch++) {
        model.resetMetrics();
        await callbacks.onEpochBegin(epoch);
        let logs: Logs = {};
        let steps = 0;
        for await (const { step, batch, disposable } of iterator.epoch()) {
          await callbacks.onTrainBatchBegin(step);
          let out: Record<string, unknown>;
          try {
            ensureBuilt(model, unpackXYSampleWeight(batch).x);
            out = tidy(() => model.trainStep(batch) as never);
          } finally {
            for (const t of disposable) t.dispose();
          }
          logs = await readLogs(out);
          steps++;
          await callbacks.onTrainBatchEnd(step, logs);
          if (model.stopTraining) break;
        }
        if (steps === 0 && iterator.exhausted) break;
        const epochLogs: Logs = { ...(await metricsResultOrLogs(model, logs)) };
        if (valIterator && shouldEval(epoch, options.validationFreq ?? 1)) {
          const valLogs = await testLoop(model, valIterator, callbacks);
          for (const [k, v] of Object.entries(valLogs)) epochLogs[`val_${k}`] = v;
        }
        await callbacks.onEpochEnd(epoch, epochLogs);
        trainingLogs = epochLogs;
        if (model.stopTraining) break;
      }
      finished = true;
    } finally {
      if (epochs > 0 && model.optimizer?.built) model.optimizer.finalizeVariableValues(model.trainableWeights as never);
      if (finished) await callbacks.onTrainEnd(trainingLogs);
    }
    return model.history!;
  } finally {
    for (const t of created) t.dispose();
  }
}

/** Options of `trainOnBatch`. */
export interface TrainOnBatchOptions {
  sampleWeight?: unknown;
  classWeight?: Record<string | number, number>;
  returnDict?: boolean;
}

/** `model.trainOnBatch(x, y, options)`: one training step on one batch, metrics reset first. */
export async function trainOnBatch(model: Model, x: unknown, y: unknown, options: TrainOnBatchOptions = {}): Promise<number | number[] | Logs> {
  requireCompiled(model, 'trainOnBatch');
  checkOptions(options, ['sampleWeight', 'classWeight', 'returnDict'], 'trainOnBatch');
  const created: Tensor[] = [];
  try {
    const tx = toTensorStructure(x, 'x', created);
    const ty = toTensorStructure(y, 'y', created);
    let sw = toTensorStructure(options.sampleWeight, 'sampleWeight', created);
    if (options.classWeight) {
      if (sw != null) throw new ValueError('Arguments `sampleWeight` and `classWeight` cannot be specified at the same time.');
      sw = await classWeightToSampleWeights(ty, options.classWeight);
      created.push(sw as Tensor);
    }
    ensureBuilt(model, tx);
    model.resetMetrics();
    const logs = await readLogs(tidy(() => model.trainStep(packXYSampleWeight(tx, ty, sw)) as never));
    return options.returnDict ? logs : flattenMetricsInOrder(model, logs);
  } finally {
    for (const t of created) t.dispose();
  }
}
