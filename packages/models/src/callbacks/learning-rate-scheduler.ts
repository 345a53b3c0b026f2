import { ValueError } from '@strata/core';
import type { Logs } from './callback.js';
import { printMsg } from './io.js';
import { floatRepr } from './py-format.js';

import { Callback } from './callback.js';

/** A schedule: the learning rate for an epoch (0-based), given the current one. */
export type LearningRateScheduleFn = (epoch: number, learningRate: number) => number | Promise<number>;

/**
 * Sets the learning rate at the start of each epoch from `schedule(epoch, lr)`, as
 * `keras.callbacks.LearningRateScheduler`; logs it as `learning_rate`.
 *
 * @example
 * new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)));
 */
export class LearningRateScheduler extends Callback {
  readonly schedule: LearningRateScheduleFn;
  readonly verbose: number;

  constructor(schedule: LearningRateScheduleFn, verbose = 0) {
    super();
    if (typeof schedule !== 'function') throw new ValueError('LearningRateScheduler needs a function `(epoch, lr) => newLr`.');
    this.schedule = schedule;
    this.verbose = verbose;
  }

  private optimizer() {
    const optimizer = this.model.optimizer;
    if (!optimizer) throw new ValueError('Optimizer must have a "learning_rate" attribute: compile the model first.');
    return optimizer;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const optimizer = this.optimizer();
    const lr = await this.schedule(epoch, optimizer.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new ValueError(`The output of the \`schedule\` function should be a float. Got: ${String(lr)}`);
    }
    optimizer.learningRate = lr;
    if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${floatRepr(lr)}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    logs.learning_rate = this.optimizer().learningRate;
  }
}
