/**
 * `EarlyStopping` against Keras: real fits whose monitored value is scripted (a callback before EarlyStopping
 * overwrites it, in Keras and here) stop at the same epoch with the same state and messages; with
 * `restoreBestWeights` the model ends with the weights Keras restored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose } from '@strata/core';
import { clearSession } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import { expectTensorsClose, goldenTensor, type GoldenTensor } from '@strata/test-utils';
import { captureStdout, injector, regressionModel, trainingCase } from '../test-support/training-fixtures.js';
import { EarlyStopping } from './early-stopping.js';

interface Run {
  name: string;
  monitor: string;
  values: number[];
  kwargs: Record<string, number | boolean | string>;
  epochs: number;
  history_epoch: number[];
  stopped_epoch: number;
  best: number;
  best_epoch: number;
  wait: number;
  text: string;
  final_weights: GoldenTensor[];
}

const fixture = trainingCase<{ x: GoldenTensor; y: GoldenTensor; initial_weights: GoldenTensor[]; runs: Run[] }>('early_stopping');

beforeEach(() => clearSession());

describe('EarlyStopping', () => {
  it.each(fixture.runs.map((r) => [r.name, r] as const))('stops where Keras stops: %s', async (_name, run) => {
    const model = await regressionModel(fixture.initial_weights);
    model.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] });
    const k = run.kwargs;
    const es = new EarlyStopping({
      monitor: run.monitor, patience: k.patience as number | undefined, minDelta: k.min_delta as number | undefined,
      baseline: k.baseline as number | undefined, mode: k.mode as string | undefined, startFromEpoch: k.start_from_epoch as number | undefined,
      restoreBestWeights: k.restore_best_weights as boolean | undefined, verbose: k.verbose as number | undefined,
    });
    const x = goldenTensor(fixture.x);
    const y = goldenTensor(fixture.y);
    const inject = await injector(run.monitor, run.values);
    let epochs: number[] = [];
    const text = await captureStdout(async () => {
      epochs = (await model.fit(x, y, { batchSize: 4, epochs: run.epochs, shuffle: false, verbose: 0, callbacks: [inject, es] })).epoch;
    });
    expect(epochs).toEqual(run.history_epoch);
    expect(es.stoppedEpoch).toBe(run.stopped_epoch);
    expect(es.best).toBe(run.best);
    expect(es.bestEpoch).toBe(run.best_epoch);
    expect(es.wait).toBe(run.wait);
    expect(text).toBe(run.text);
    model.getWeights().forEach((w, i) => {
      expectTensorsClose(w, run.final_weights[i]!, { rtol: 1e-4, atol: 1e-5 });
      w.dispose();
    });
    dispose([x, y]);
    model.optimizer!.dispose();
    model.dispose();
  });

  it('stops at the right epoch on a scripted loss sequence (worked example)', async () => {
    // val_loss 1.0, 0.9 (best), 0.95, 0.91: two epochs without improvement with patience 2 → stop after epoch 3.
    const model = await regressionModel(fixture.initial_weights);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = goldenTensor(fixture.x);
    const y = goldenTensor(fixture.y);
    const es = new EarlyStopping({ patience: 2 });
    const history = await model.fit(x, y, { epochs: 20, verbose: 0, callbacks: [await injector('val_loss', [1.0, 0.9, 0.95, 0.91, 0.5, 0.4]), es] });
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(model.stopTraining).toBe(true);
    dispose([x, y]);
    model.dispose();
  });

  it('cannot guess the direction of an unknown monitor', async () => {
    const model = await regressionModel(fixture.initial_weights);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = goldenTensor(fixture.x);
    const y = goldenTensor(fixture.y);
    await expect(model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [await injector('custom', [1, 2]), new EarlyStopping({ monitor: 'custom' })] }))
      .rejects.toThrow(/isn't able to automatically determine whether that metric should be maximized or minimized/);
    dispose([x, y]);
    model.dispose();
  });
});
