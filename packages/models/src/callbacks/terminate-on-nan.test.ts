/**
 * `TerminateOnNaN` against Keras: a fit whose second batch holds a NaN stops after that batch, prints Keras'
 * message, and records the same History; with `raiseError` it throws.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose } from '@strata/core';
import { clearSession } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import { goldenTensor, type GoldenTensor } from '@strata/test-utils';
import { captureStdout, regressionModel, trainingCase } from '../test-support/training-fixtures.js';
import { LambdaCallback } from './lambda-callback.js';
import { TerminateOnNaN } from './terminate-on-nan.js';

interface Fixture {
  x: GoldenTensor;
  y: GoldenTensor;
  initial_weights: GoldenTensor[];
  text: string;
  batches: Array<[number, number]>;
  history_epoch: number[];
  history: Record<string, number[]>;
}

const fixture = trainingCase<Fixture>('terminate_on_nan');
beforeEach(() => clearSession());

describe('TerminateOnNaN', () => {
  it('stops training on a NaN loss, as Keras', async () => {
    const model = await regressionModel(fixture.initial_weights);
    model.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: 'mse' });
    const x = goldenTensor(fixture.x);
    const y = goldenTensor(fixture.y);
    const seen: Array<[number, number]> = [];
    const rec = new LambdaCallback({ onTrainBatchEnd: (b, logs) => void seen.push([b, logs!.loss!]) });
    let history: Record<string, number[]> = {};
    let epochs: number[] = [];
    const text = await captureStdout(async () => {
      const h = await model.fit(x, y, { batchSize: 4, epochs: 3, shuffle: false, verbose: 0, callbacks: [new TerminateOnNaN(), rec] });
      history = h.history;
      epochs = h.epoch;
    });
    expect(text).toBe(fixture.text);
    expect(seen.map((s) => s[0])).toEqual(fixture.batches.map((b) => b[0]));
    expect(seen[0]![1]).toBeCloseTo(fixture.batches[0]![1], 5);
    expect(seen[1]![1]).toBeNaN();
    expect(epochs).toEqual(fixture.history_epoch);
    expect(Object.keys(history)).toEqual(Object.keys(fixture.history));
    expect(history.loss![0]).toBeNaN();
    dispose([x, y]);
    model.dispose();
  });

  it('throws with raiseError', async () => {
    const model = await regressionModel(fixture.initial_weights);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = goldenTensor(fixture.x);
    const y = goldenTensor(fixture.y);
    await expect(model.fit(x, y, { batchSize: 4, shuffle: false, verbose: 0, callbacks: [new TerminateOnNaN({ raiseError: true })] }))
      .rejects.toThrow(/NaN or Inf loss encountered at batch 1/);
    dispose([x, y]);
    model.dispose();
  });
});
