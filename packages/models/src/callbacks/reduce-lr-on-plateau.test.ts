/**
 * `ReduceLROnPlateau` and `LearningRateScheduler` against Keras: real fits with a scripted `val_loss` log the same
 * `learning_rate` each epoch, end with the same rate, and print the same messages.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dispose } from '@strata/core';
import { clearSession } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import { expectTensorsClose, goldenTensor, type GoldenTensor } from '@strata/test-utils';
import { captureStdout, injector, regressionModel, trainingCase } from '../test-support/training-fixtures.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';

interface Run {
  name: string;
  kind: string;
  kwargs: Record<string, number>;
  values: number[];
  text: string;
  learning_rate: number[];
  final_lr: number;
  history_keys: string[];
  final_weights: GoldenTensor[];
}

const fixture = trainingCase<{ x: GoldenTensor; y: GoldenTensor; initial_weights: GoldenTensor[]; runs: Run[] }>('lr_callbacks');
const x = goldenTensor(fixture.x);
const y = goldenTensor(fixture.y);

beforeEach(() => clearSession());

describe('ReduceLROnPlateau', () => {
  it.each(fixture.runs.filter((r) => r.kind === 'ReduceLROnPlateau').map((r) => [r.name, r] as const))(
    'changes the learning rate when Keras does: %s',
    async (_name, run) => {
      const model = await regressionModel(fixture.initial_weights);
      model.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: 'mse' });
      const k = run.kwargs;
      const cb = new ReduceLROnPlateau({ monitor: 'val_loss', factor: k.factor, patience: k.patience, cooldown: k.cooldown, minLr: k.min_lr, minDelta: k.min_delta, verbose: k.verbose });
      const inject = await injector('val_loss', run.values);
      let lrs: number[] = [];
      const text = await captureStdout(async () => {
        lrs = (await model.fit(x, y, { batchSize: 4, epochs: run.values.length, shuffle: false, verbose: 0, callbacks: [inject, cb] })).history.learning_rate!;
      });
      expect(lrs).toEqual(run.learning_rate);
      expect(model.optimizer!.learningRate).toBe(run.final_lr);
      expect(text).toBe(run.text);
      model.optimizer!.dispose();
      model.dispose();
    },
  );

  it('refuses a factor of 1 or more', () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/does not support a factor >= 1.0/);
  });
});

describe('LearningRateScheduler', () => {
  const run = fixture.runs.find((r) => r.kind === 'LearningRateScheduler')!;

  it('sets the rate each epoch, logs it and trains as Keras', async () => {
    const model = await regressionModel(fixture.initial_weights);
    model.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: 'mse' });
    const cb = new LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr * 0.5), 1);
    let history: Record<string, number[]> = {};
    const text = await captureStdout(async () => {
      history = (await model.fit(x, y, { batchSize: 4, epochs: 4, shuffle: false, verbose: 0, callbacks: [cb] })).history;
    });
    expect(Object.keys(history).sort()).toEqual(run.history_keys);
    expect(history.learning_rate).toEqual(run.learning_rate);
    expect(text).toBe(run.text);
    model.getWeights().forEach((w, i) => {
      expectTensorsClose(w, run.final_weights[i]!, { rtol: 1e-4, atol: 1e-5 });
      w.dispose();
    });
    model.optimizer!.dispose();
    model.dispose();
  });

  it('rejects a schedule that returns something other than a number', async () => {
    const model = await regressionModel(fixture.initial_weights);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const bad = new LearningRateScheduler(() => 'fast' as unknown as number);
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [bad] })).rejects.toThrow(/should be a float. Got: fast/);
    model.dispose();
  });
});

afterAll(() => dispose([x, y]));
