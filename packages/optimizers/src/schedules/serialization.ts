/**
 * The learning-rate-schedule registry and its `get` / `serialize` / `deserialize` trio (Keras'
 * `keras.optimizers.schedules.serialize` / `deserialize`). Registering the built-ins happens when this module loads.
 */
import { Registry, ValueError, type CustomObjects, type SerializedObject } from '@strata/core';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';
import { CosineDecay } from './cosine-decay.js';
import { ExponentialDecay } from './exponential-decay.js';
import { InverseTimeDecay } from './inverse-time-decay.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { PolynomialDecay } from './polynomial-decay.js';

/** The schedules registry (`kind: 'learning rate schedule'`, module `keras.optimizers.schedules`). */
export const registry = new Registry<LearningRateSchedule>({ kind: 'learning rate schedule', module: 'keras.optimizers.schedules' });

registry.registerClass(ExponentialDecay);
registry.registerClass(PiecewiseConstantDecay);
registry.registerClass(PolynomialDecay);
registry.registerClass(InverseTimeDecay);
registry.registerClass(CosineDecay);
registry.registerClass(CosineDecayRestarts);

/**
 * The config envelope of a schedule, as `keras.optimizers.schedules.serialize`.
 *
 * @example
 * serialize(new CosineDecay({ initialLearningRate: 0.1, decaySteps: 100 }));
 * // { module: 'keras.optimizers.schedules', className: 'CosineDecay', config: { initialLearningRate: 0.1, … }, registeredName: null }
 */
export function serialize(schedule: LearningRateSchedule): SerializedObject {
  const out = registry.serialize(schedule);
  if (out === null || typeof out === 'string') throw new ValueError(`Cannot serialize learning rate schedule ${String(schedule)}.`);
  return out;
}

/**
 * Rebuilds a schedule from its config envelope (camelCase `config`), as `keras.optimizers.schedules.deserialize`.
 * Schedules have required arguments, so a bare name is not enough.
 *
 * @example
 * deserialize({ className: 'ExponentialDecay', config: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 } });
 */
export function deserialize(config: SerializedObject, customObjects?: CustomObjects): LearningRateSchedule {
  const out = registry.deserialize(config, customObjects);
  if (!(out instanceof LearningRateSchedule)) {
    throw new ValueError(`Could not interpret learning rate schedule: ${JSON.stringify(config)}. Expected a LearningRateSchedule config.`);
  }
  return out;
}

/** Whether `x` is a schedule config envelope (as found in an optimizer's `learningRate`). */
export function isScheduleConfig(x: unknown): x is SerializedObject {
  return typeof x === 'object' && x !== null && typeof (x as SerializedObject).className === 'string' && 'config' in x;
}

/**
 * Resolves a schedule identifier: an instance is returned as is, a config envelope is deserialized.
 *
 * @example
 * get({ className: 'InverseTimeDecay', config: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 } });
 */
export function get(identifier: LearningRateSchedule | SerializedObject, customObjects?: CustomObjects): LearningRateSchedule {
  if (identifier instanceof LearningRateSchedule) return identifier;
  if (isScheduleConfig(identifier)) return deserialize(identifier, customObjects);
  throw new ValueError(
    `Could not interpret learning rate schedule identifier: ${JSON.stringify(identifier)}. ` +
      `Expected a LearningRateSchedule or a config { className, config } with className one of: ${registry.names().join(', ')}.`,
  );
}
