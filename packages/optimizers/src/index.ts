/**
 * `@strata/optimizers`: Keras 3's optimizers (SGD, RMSprop, Adam, AdamW, Adagrad, Adadelta, Adamax, Nadam, Lion),
 * learning-rate schedules (`schedules`) and the `get` / `serialize` / `deserialize` trio.
 *
 * @example
 * import { Adam, schedules, get } from '@strata/optimizers';
 * const opt = new Adam({ learningRate: new schedules.ExponentialDecay({ initialLearningRate: 1e-3, decaySteps: 1000, decayRate: 0.9 }) });
 * opt.applyGradients([[gradKernel, kernel], [gradBias, bias]]);
 * get('rmsprop'); // a new RMSprop()
 */
export { Optimizer } from './optimizer.js';
export type { OptimizerOptions, StepContext } from './optimizer.js';
export { OptimizerVariable } from './optimizer-variable.js';
export { resolveVariable } from './variable-like.js';
export type { VariableLike, VariableWrapper, ResolvedVariable, ConstraintLike } from './variable-like.js';
export type { LearningRate } from './learning-rate.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropOptions } from './rmsprop.js';
export { Adagrad } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { Adadelta } from './adadelta.js';
export type { AdadeltaOptions } from './adadelta.js';
export { Adam } from './adam.js';
export type { AdamOptions } from './adam.js';
export { AdamW } from './adamw.js';
export type { AdamWOptions } from './adamw.js';
export { Adamax } from './adamax.js';
export type { AdamaxOptions } from './adamax.js';
export { Nadam } from './nadam.js';
export type { NadamOptions } from './nadam.js';
export { Lion } from './lion.js';
export type { LionOptions } from './lion.js';
export { clipByNorm, clipByGlobalNorm, clipByValue } from './clipping.js';
export { get, serialize, deserialize, registry } from './serialization.js';
export type { OptimizerIdentifier } from './serialization.js';
export * as schedules from './schedules/index.js';
export { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
