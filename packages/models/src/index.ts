/**
 * `@strata/models`: `Model` (functional and subclassed), `Sequential`, training (`compile`, `fit`, `evaluate`,
 * `trainStep`, `computeGradients`), callbacks, inference (`predict`), `summary()`, configs (`toJson`,
 * `modelFromJson`, `fromConfig`) and `cloneModel`.
 *
 * @example
 * import { Input, Dense } from '@strata/layers';
 * import { Model, Sequential } from '@strata/models';
 * const x = Input({ shape: [784] });
 * const model = new Model({ inputs: x, outputs: new Dense({ units: 10 }).apply(x) });
 * model.summary();
 */
import { registerLayer } from '@strata/layers';
import { Functional } from './functional/functional.js';
import './functional/functional-config.js';
import { Sequential } from './sequential.js';

registerLayer(Functional, ['Model']);
registerLayer(Sequential);

export { Model, isFunctionalArgs, isFunctionalConfig } from './model.js';
export type { ModelArgs, FunctionalArgs, SymbolicStructure } from './model.js';
export { Functional } from './functional/functional.js';
export { functionalFromConfig, functionalGetConfig } from './functional/functional-config.js';
export type { LayerFactory } from './functional/functional-config.js';
export { mapGraph, buildMap } from './functional/map-graph.js';
export type { GraphMap } from './functional/map-graph.js';
export { Sequential } from './sequential.js';
export type { SequentialArgs } from './sequential.js';
export type { PredictOptions } from './predict.js';
export { summaryText, readableMemorySize, formatLayerShape } from './summary/print-summary.js';
export type { SummaryOptions } from './summary/print-summary.js';
export { cloneModel } from './clone-model.js';
export type { CloneModelOptions } from './clone-model.js';
export { modelFromJson } from './model-from-json.js';
export type { PredictLoopOptions } from './training/predict-loop.js';
export type { CompileArgs } from './training/trainer.js';
export type { FitOptions, TrainOnBatchOptions } from './training/fit.js';
export type { EvaluateOptions, TestOnBatchOptions } from './training/evaluate.js';
export type { LossArg, LossWeightsArg } from './training/compile-loss.js';
export type { MetricsArg } from './training/compile-metrics.js';
export { CompileMetrics } from './training/compile-metrics.js';
export { CompileLoss } from './training/compile-loss.js';
export { computeGradients } from './training/gradients.js';
export type { Gradients } from './training/gradients.js';
export { unpackXYSampleWeight, packXYSampleWeight } from './training/data/unpack.js';
export type { UnpackedBatch } from './training/data/unpack.js';
export type { BatchIterable } from './training/data/iterable-batches.js';
export type { DataInput, TensorData } from './training/data/sources.js';
export * as callbacks from './callbacks/index.js';
export {
  Callback, CallbackList, History, ProgbarLogger, Progbar, EarlyStopping, ModelCheckpoint, ReduceLROnPlateau,
  LearningRateScheduler, CSVLogger, TerminateOnNaN, LambdaCallback,
} from './callbacks/index.js';
export type { Logs, CallbackParams } from './callbacks/index.js';
