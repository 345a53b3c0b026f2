/**
 * The three forms an optimizer's learning rate takes in Keras 3 (a float held in a variable, a schedule called with the
 * iteration counter, a zero-argument callable) and their serialization in an optimizer config.
 */
import { ValueError, ops, serialization, type CustomObjects, type SerializedObject, type Tensor } from '@strata/core';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { deserialize as deserializeSchedule, isScheduleConfig, serialize as serializeSchedule } from './schedules/serialization.js';

/** A learning rate: a number, a {@link LearningRateSchedule}, or a zero-argument function returning the rate. */
export type LearningRate = number | LearningRateSchedule | (() => number | Tensor);

/** Throws Keras' error unless `lr` is a number, a schedule or a function. */
export function checkLearningRate(lr: unknown): asserts lr is LearningRate {
  if (lr instanceof LearningRateSchedule || typeof lr === 'function') return;
  if (typeof lr !== 'number' || !Number.isFinite(lr)) {
    throw new ValueError(
      'Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a callable (that takes in ' +
        'the current iteration value and returns the corresponding learning rate value). ' +
        `Received instead: learning_rate=${JSON.stringify(lr) ?? String(lr)}`,
    );
  }
}

/** A callable rate's value as a float32 scalar tensor. */
export function callableRate(fn: () => number | Tensor): Tensor {
  const out = fn();
  if (typeof out === 'number') return ops.scalar(out, 'float32');
  return out.dtype === 'float32' ? ops.clone(out) : ops.cast(out, 'float32');
}

/** The config value of a non-variable rate: a schedule's envelope, or a registered function's envelope. */
export function serializeRate(lr: LearningRateSchedule | (() => number | Tensor)): SerializedObject {
  if (lr instanceof LearningRateSchedule) return serializeSchedule(lr);
  const name = serialization.getRegisteredName(lr);
  if (!name) {
    throw new ValueError(
      'Cannot serialize a learning-rate function that is not registered: use registerKerasSerializable(fn) or a LearningRateSchedule.',
    );
  }
  return { module: null, className: 'function', config: name as unknown as Record<string, unknown>, registeredName: name };
}

/** The inverse of {@link serializeRate} for a config's `learningRate` (a number passes through). */
export function deserializeRate(value: unknown, customObjects?: CustomObjects): unknown {
  if (!isScheduleConfig(value)) return value;
  if (value.className === 'function') {
    const name = value.registeredName ?? (typeof value.config === 'string' ? value.config : '');
    const fn = serialization.getCustomObject(name, customObjects);
    if (typeof fn !== 'function') throw new ValueError(`Unknown learning-rate function "${name}": register it with registerKerasSerializable().`);
    return fn;
  }
  return deserializeSchedule(value, customObjects);
}
