/**
 * The progress bar of real `fit`, `evaluate` and `predict` runs against Keras' (tools/keras-golden/training_golden.py
 * `progbar_fit`): the same model, data and scripted clock print the same text — `Epoch 1/2`, the redrawn bar after
 * each step with its metrics, the final line with the `val_` metrics, and verbose 2's one line per epoch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispose, ops } from '@strata/core';
import { clearSession, Dense, Input } from '@strata/layers';
import { Adam } from '@strata/optimizers';
import { goldenTensor, type GoldenTensor } from '@strata/test-utils';
import { Progbar, Sequential } from '../index.js';
import { captureStdout, scriptedClock, trainingCase } from '../test-support/training-fixtures.js';

interface Fixture {
  x: GoldenTensor;
  y: GoldenTensor;
  initial_weights: GoldenTensor[];
  runs: Record<string, { text: string; clock_calls: number }>;
}

const fixture = trainingCase<Fixture>('progbar_fit');
const clock = Progbar.clock;

beforeEach(() => clearSession());
afterEach(() => {
  Progbar.clock = clock;
});

function classifier(): Sequential {
  const model = new Sequential({
    layers: [Input({ shape: [3] }), new Dense({ units: 4, activation: 'relu' }), new Dense({ units: 3, activation: 'softmax' })],
    name: 'clf',
  });
  const w = fixture.initial_weights.map(goldenTensor);
  model.setWeights(w);
  dispose(w);
  model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

describe.each([1, 2] as const)('verbose %i', (verbose) => {
  it('fit, evaluate and predict print what Keras prints', async () => {
    const model = classifier();
    const x = goldenTensor(fixture.x);
    const y = goldenTensor(fixture.y);
    const xv = ops.slice(x, [0, 0], [4, 3]);
    const yv = ops.slice(y, [0], [4]);
    Progbar.clock = scriptedClock();
    const fitText = await captureStdout(() => model.fit(x, y, { batchSize: 4, epochs: 2, validationData: [xv, yv], shuffle: false, verbose }));
    expect(fitText).toBe(fixture.runs[`fit_v${verbose}`]!.text);
    Progbar.clock = scriptedClock();
    const evalText = await captureStdout(() => model.evaluate(x, y, { batchSize: 5, verbose }));
    expect(evalText).toBe(fixture.runs[`evaluate_v${verbose}`]!.text);
    Progbar.clock = scriptedClock();
    let predicted: ReturnType<typeof ops.zeros> | null = null;
    const predictText = await captureStdout(() => {
      predicted = model.predict(x, { batchSize: 5, verbose });
    });
    expect(predictText).toBe(fixture.runs[`predict_v${verbose}`]!.text);
    expect(predicted!.shape).toEqual([12, 3]);
    dispose([x, y, xv, yv, predicted!]);
    model.optimizer!.dispose();
    model.dispose();
  });
});
