/**
 * `Model.dispose()` frees what `compile` and `fit` created: metric state, the loss tracker and the optimizer's
 * variables when `compile` made the optimizer; an optimizer instance passed in stays usable.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose, numTensors, ops, random, setRandomSeed } from '@strata/core';
import { clearSession, Dense, Input } from '@strata/layers';
import { Adam } from '@strata/optimizers';
import { Sequential } from '../index.js';

beforeEach(() => clearSession());

function mlp(): Sequential {
  setRandomSeed(3);
  return new Sequential({ layers: [Input({ shape: [3] }), new Dense({ units: 4, activation: 'relu' }), new Dense({ units: 2 })] });
}

describe('Model.dispose', () => {
  const x = () => random.normal([16, 3], { seed: 1 });
  const y = () => random.normal([16, 2], { seed: 2 });

  it('frees the weights, metric state and an optimizer compile created', async () => {
    const before = numTensors();
    const [xs, ys] = [x(), y()];
    const model = mlp();
    model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
    await model.fit(xs, ys, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(numTensors()).toBeGreaterThan(before + 2);
    model.dispose();
    dispose([xs, ys]);
    expect(numTensors()).toBe(before);
    expect(model.compiled).toBe(false);
  });

  it('leaves an optimizer instance the caller passed usable', async () => {
    const [xs, ys] = [x(), y()];
    const optimizer = new Adam({ learningRate: 0.01 });
    const model = mlp();
    model.compile({ optimizer, loss: 'mse' });
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 });
    const iterations = Number(ops.sum(optimizer.iterations).dataSync()[0]);
    model.dispose();
    expect(Number(optimizer.iterations.dataSync()[0])).toBe(iterations);
    // Its slot variables are still alive and readable.
    expect(optimizer.variables.length).toBeGreaterThan(1);
    for (const v of optimizer.variables) expect(Array.from(v.value.dataSync()).every(Number.isFinite)).toBe(true);
    optimizer.dispose();
    dispose([xs, ys]);
  });

  it('recompiling with the same optimizer keeps it alive', async () => {
    const [xs, ys] = [x(), y()];
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 });
    model.compile({ optimizer: model.optimizer!, loss: 'mae' });
    const history = await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 });
    expect(Number.isFinite(history.history.loss![0])).toBe(true);
    const before = numTensors();
    model.dispose();
    expect(numTensors()).toBeLessThan(before);
    dispose([xs, ys]);
  });
});
