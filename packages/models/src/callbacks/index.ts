/**
 * Keras' callbacks (`keras.callbacks`): hooks `fit`, `evaluate` and `predict` call as training runs.
 *
 * @example
 * import { callbacks } from '@strata/models';
 * await model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks: [new callbacks.EarlyStopping({ patience: 3 })] });
 */
export { Callback } from './callback.js';
export type { Logs, CallbackParams, HookResult } from './callback.js';
export { CallbackList, pythonifyLogs } from './callback-list.js';
export type { CallbackListOptions } from './callback-list.js';
export { History } from './history.js';
export { ProgbarLogger, resolveVerbose } from './progbar-logger.js';
export { Progbar } from './progbar.js';
export type { ProgbarOptions } from './progbar.js';
export { MonitorCallback } from './monitor-callback.js';
export type { MonitorMode } from './monitor-callback.js';
export { EarlyStopping } from './early-stopping.js';
export type { EarlyStoppingOptions } from './early-stopping.js';
export { ModelCheckpoint } from './model-checkpoint.js';
export type { ModelCheckpointOptions, CheckpointSaver } from './model-checkpoint.js';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
export type { ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
export { LearningRateScheduler } from './learning-rate-scheduler.js';
export type { LearningRateScheduleFn } from './learning-rate-scheduler.js';
export { CSVLogger } from './csv-logger.js';
export { TerminateOnNaN } from './terminate-on-nan.js';
export { LambdaCallback } from './lambda-callback.js';
export type { LambdaCallbackOptions } from './lambda-callback.js';
