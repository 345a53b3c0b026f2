/**
 * Losses beyond the compiled one, and weighting, against Keras (tools/keras-golden/training_golden.py): weight and
 * activity regularizers add to the loss (`regularized`), and `classWeight` with weighted metrics (`class_weight`).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose } from '@strata/core';
import { clearSession, Dense, Input, regularizers } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import { expectTensorsClose, goldenTensor, type GoldenTensor } from '@strata/test-utils';
import { Sequential } from '../index.js';
import { trainingCase } from '../test-support/training-fixtures.js';

interface Case {
  x: GoldenTensor;
  y: GoldenTensor;
  initial_weights: GoldenTensor[];
  final_weights: GoldenTensor[];
  history: Record<string, number[]>;
  evaluate?: Record<string, number>;
  metrics_names?: string[];
}

const TOL = { rtol: 1e-4, atol: 1e-5 };
const close = (a: number, e: number): void => expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(TOL.atol + TOL.rtol * Math.abs(e));

beforeEach(() => clearSession());

function setWeights(model: Sequential, weights: GoldenTensor[]): void {
  const w = weights.map(goldenTensor);
  model.setWeights(w);
  dispose(w);
}

function expectHistory(actual: Record<string, number[]>, expected: Record<string, number[]>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, values] of Object.entries(expected)) values.forEach((v, i) => close(actual[k]![i]!, v));
}

describe('regularization losses', () => {
  const f = trainingCase<Case>('regularized');

  it('adds kernel, bias and activity regularization to the loss, as Keras', async () => {
    const model = new Sequential({
      layers: [
        Input({ shape: [3] }),
        new Dense({
          units: 4, activation: 'relu', kernelRegularizer: new regularizers.L2({ l2: 0.01 }), biasRegularizer: new regularizers.L1({ l1: 0.02 }),
          activityRegularizer: new regularizers.L1({ l1: 0.01 }),
        }),
        new Dense({ units: 1, kernelRegularizer: new regularizers.L1L2({ l1: 0.001, l2: 0.002 }) }),
      ],
      name: 'reg_mlp',
    });
    setWeights(model, f.initial_weights);
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse', metrics: ['mae'] });
    const x = goldenTensor(f.x);
    const y = goldenTensor(f.y);
    const history = await model.fit(x, y, { batchSize: 3, epochs: 2, shuffle: false, verbose: 0 });
    expectHistory(history.history, f.history);
    const evaluated = (await model.evaluate(x, y, { batchSize: 8, verbose: 0, returnDict: true })) as Record<string, number>;
    for (const [k, v] of Object.entries(f.evaluate!)) close(evaluated[k]!, v);
    model.getWeights().forEach((w, i) => {
      expectTensorsClose(w, f.final_weights[i]!, TOL);
      w.dispose();
    });
    expect(model.losses.length).toBe(3); // the weight penalties, computed on demand; the activity loss was cleared
    dispose([x, y, ...model.losses]);
    model.dispose();
  });
});

describe('classWeight', () => {
  const f = trainingCase<Case>('class_weight');

  it('weights the loss and the weighted metrics per class, as Keras', async () => {
    const model = new Sequential({
      layers: [Input({ shape: [3] }), new Dense({ units: 4, activation: 'relu' }), new Dense({ units: 3, activation: 'softmax' })],
      name: 'clf',
    });
    setWeights(model, f.initial_weights);
    model.compile({
      optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'],
      weightedMetrics: ['accuracy', 'sparse_categorical_crossentropy'],
    });
    const x = goldenTensor(f.x);
    const y = goldenTensor(f.y);
    const history = await model.fit(x, y, { batchSize: 5, epochs: 2, shuffle: false, verbose: 0, classWeight: { 0: 1, 1: 3, 2: 0.5 } });
    expectHistory(history.history, f.history);
    expect(model.metricsNames).toEqual(f.metrics_names);
    model.getWeights().forEach((w, i) => {
      expectTensorsClose(w, f.final_weights[i]!, TOL);
      w.dispose();
    });
    dispose([x, y]);
    model.dispose();
  });
});
