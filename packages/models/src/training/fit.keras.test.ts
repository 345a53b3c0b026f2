/**
 * `fit` against Keras 3: the shared `models/fit/*` fixtures (tools/keras-golden/gen_models.py) hold a small MLP's
 * initial weights, the data, and what Keras produced — weights after every batch, History, optimizer state,
 * `evaluate` and `predict`. Same start, same batches (no shuffling): the same numbers within float32 tolerance.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, numTensors, ops, type Tensor } from '@strata/core';
import { clearSession, Dense, Input } from '@strata/layers';
import * as optimizers from '@strata/optimizers';
import { expectTensorsClose, goldenTensor, kerasGolden, listKerasGolden, type FitGolden } from '@strata/test-utils';
import { CompileMetrics, LambdaCallback, Sequential } from '../index.js';

const TOL = { rtol: 1e-4, atol: 1e-5 };

beforeEach(() => clearSession());

function buildFitModel(fixture: FitGolden): Sequential {
  const model = new Sequential({
    layers: [Input({ shape: [3] }), new Dense({ units: 4, activation: 'relu' }), new Dense({ units: 1 })],
    name: 'fit_mlp',
  });
  const initial = fixture.initial_weights.map(goldenTensor);
  model.setWeights(initial);
  dispose(initial);
  return model;
}

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(TOL.atol + TOL.rtol * Math.abs(expected));
}

describe.each(listKerasGolden('models/fit/'))('%s', (name) => {
  const fixture = kerasGolden(name as `models/fit/${string}`) as FitGolden;

  it('ends with the weights, History, optimizer state and evaluation Keras produced', async () => {
    const model = buildFitModel(fixture);
    expect(model.weights.map((w) => w.path)).toEqual(fixture.weight_paths);
    model.compile({
      optimizer: optimizers.deserialize(fromKerasJson(fixture.compile.optimizer) as never),
      loss: fixture.compile.loss,
      metrics: fixture.compile.metrics,
    });
    const x = goldenTensor(fixture.x);
    const y = goldenTensor(fixture.y);
    const perBatch: Array<{ batch: number; logs: Record<string, number>; weights: Tensor[] }> = [];
    const recorder = new LambdaCallback({
      onTrainBatchEnd: (batch, logs) => void perBatch.push({ batch, logs: { ...logs }, weights: model.getWeights() }),
    });
    const before = numTensors();
    const history = await model.fit(x, y, {
      batchSize: fixture.fit_kwargs.batch_size, epochs: fixture.fit_kwargs.epochs, shuffle: false, verbose: 0, callbacks: [recorder],
    });
    const recorded = perBatch.reduce((n, b) => n + b.weights.length, 0);
    // Only state was created (the optimizer's slots, the metric's total/count) besides the recorder's copies.
    const state = model.optimizer!.variables.length - 2 + (model.metrics[1] as CompileMetrics).variables.length;
    expect(numTensors() - before - recorded).toBe(state);

    expect(perBatch.map((b) => b.batch)).toEqual(fixture.batches.map((b) => b.batch));
    perBatch.forEach((b, i) => {
      const k = fixture.batches[i]!;
      expect(Object.keys(b.logs)).toEqual(Object.keys(k.logs).sort());
      for (const key of Object.keys(k.logs)) expectClose(b.logs[key]!, k.logs[key]!);
      b.weights.forEach((w, j) => expectTensorsClose(w, k.weights[j]!, TOL));
      dispose(b.weights);
    });
    model.getWeights().forEach((w, j) => {
      expectTensorsClose(w, fixture.final_weights[j]!, TOL);
      w.dispose();
    });
    expect(history.epoch).toEqual(fixture.history_epoch);
    expect(history.params).toEqual(fixture.history_params);
    expect(Object.keys(history.history)).toEqual(Object.keys(fixture.history).sort());
    for (const [key, values] of Object.entries(fixture.history)) {
      expect(history.history[key]!.length).toBe(values.length);
      values.forEach((v, i) => expectClose(history.history[key]![i]!, v));
    }
    expect(model.optimizer!.variables.map((v) => v.path)).toEqual(fixture.optimizer_variables.map((v) => v.path));
    model.optimizer!.variables.forEach((v, i) => {
      const expected = fixture.optimizer_variables[i]!.value;
      const flat = ops.reshape(v.value, [-1]);
      expectTensorsClose(flat, { shape: [expected.data.length], dtype: v.value.dtype, data: expected.data }, TOL);
      flat.dispose();
    });

    const evaluated = (await model.evaluate(x, y, { batchSize: 20, verbose: 0, returnDict: true })) as Record<string, number>;
    for (const [key, v] of Object.entries(fixture.evaluate)) expectClose(evaluated[key]!, v);
    const xHead = ops.slice(x, [0, 0], [4, 3]);
    const predicted = model.predict(xHead);
    expectTensorsClose(predicted, fixture.predict, TOL);
    dispose([x, y, xHead, predicted]);
    model.optimizer!.dispose();
    model.dispose();
  });
});
