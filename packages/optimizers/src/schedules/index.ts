/**
 * Learning-rate schedules, as `keras.optimizers.schedules`: pass one as an optimizer's `learningRate`.
 *
 * @example
 * import { Adam, schedules } from '@strata/optimizers';
 * const lr = new schedules.CosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 1e-3, warmupSteps: 100 });
 * const opt = new Adam({ learningRate: lr });
 */
export { LearningRateSchedule } from './learning-rate-schedule.js';
export { ExponentialDecay } from './exponential-decay.js';
export type { ExponentialDecayOptions } from './exponential-decay.js';
export { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
export type { PiecewiseConstantDecayOptions } from './piecewise-constant-decay.js';
export { PolynomialDecay } from './polynomial-decay.js';
export type { PolynomialDecayOptions } from './polynomial-decay.js';
export { InverseTimeDecay } from './inverse-time-decay.js';
export type { InverseTimeDecayOptions } from './inverse-time-decay.js';
export { CosineDecay } from './cosine-decay.js';
export type { CosineDecayOptions } from './cosine-decay.js';
export { CosineDecayRestarts } from './cosine-decay-restarts.js';
export type { CosineDecayRestartsOptions } from './cosine-decay-restarts.js';
export { get, serialize, deserialize, registry } from './serialization.js';
